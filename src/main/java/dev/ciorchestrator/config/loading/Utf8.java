package dev.ciorchestrator.config.loading;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Strict UTF-8 decoding: a config file in another encoding is an error, not mojibake. */
final class Utf8 {
  private Utf8() {}

  sealed interface Decoded {}

  record Text(String text) implements Decoded {}

  /** Where the first byte that is not UTF-8 sits, 1-based. */
  record Invalid(int line, int column, int badByte) implements Decoded {}

  static Decoded decode(byte[] bytes) {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    CoderResult result = decoder.decode(in, out, true);
    if (result.isError()) {
      return locate(out.flip().toString(), bytes[in.position()] & 0xff);
    }
    decoder.flush(out);
    String text = out.flip().toString();
    // A byte-order mark is legal UTF-8 but would shift every column of the first line.
    return new Text(text.startsWith("\uFEFF") ? text.substring(1) : text);
  }

  private static Invalid locate(String decodedPrefix, int badByte) {
    int line = 1 + (int) decodedPrefix.chars().filter(c -> c == '\n').count();
    int lineStart = decodedPrefix.lastIndexOf('\n') + 1;
    int column = decodedPrefix.codePointCount(lineStart, decodedPrefix.length()) + 1;
    return new Invalid(line, column, badByte);
  }
}
