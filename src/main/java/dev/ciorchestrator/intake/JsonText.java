package dev.ciorchestrator.intake;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Bytes that are JSON text as it must travel (RFC 8259 §8.1): UTF-8, without a byte order mark.
 * Checked before parsing because Jackson is lenient here: it skips a BOM, guesses UTF-16 or UTF-32
 * from zero bytes, and a String-based reader replaces invalid bytes silently.
 */
public final class JsonText {
  private static final int CHUNK = 8192;

  private JsonText() {}

  /** Refuses a BOM, a zero byte (UTF-16, UTF-32) and any byte sequence that is not UTF-8. */
  public static void requireUtf8(ByteBuffer body) throws JsonProblem {
    ByteBuffer in = body.slice();
    if (in.remaining() >= 3
        && (in.get(0) & 0xFF) == 0xEF
        && (in.get(1) & 0xFF) == 0xBB
        && (in.get(2) & 0xFF) == 0xBF) {
      throw new JsonProblem("body starts with a byte order mark: send UTF-8 JSON without one", "");
    }
    for (int i = 0; i < in.limit(); i++) {
      if (in.get(i) == 0) {
        throw new JsonProblem(
            "body holds a zero byte at offset " + i + ": JSON must be UTF-8, not UTF-16 or UTF-32",
            "");
      }
    }
    decode(in);
  }

  /**
   * Why a {@code Content-Type} cannot label JSON text: a {@code charset} other than UTF-8 (JSON has
   * no other); empty when it can.
   */
  public static Optional<String> charsetProblem(String contentType) {
    if (contentType == null) {
      return Optional.empty();
    }
    for (String parameter : contentType.split(";")) {
      String[] pair = parameter.strip().split("=", 2);
      if (pair.length == 2 && pair[0].strip().equalsIgnoreCase("charset")) {
        String charset = pair[1].strip().replace("\"", "");
        if (!charset.equalsIgnoreCase("utf-8") && !charset.equalsIgnoreCase("utf8")) {
          return Optional.of("Content-Type says charset=" + charset + ", but JSON is UTF-8 only");
        }
      }
    }
    return Optional.empty();
  }

  private static void decode(ByteBuffer in) throws JsonProblem {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    CharBuffer out = CharBuffer.allocate(CHUNK);
    while (true) {
      CoderResult result = decoder.decode(in, out, true);
      if (result.isError()) {
        throw new JsonProblem(
            String.format(
                "body is not UTF-8: byte 0x%02x at offset %d does not belong there",
                in.get(in.position()) & 0xFF, in.position()),
            "");
      }
      if (result.isUnderflow()) {
        return;
      }
      out.clear(); // only validity matters; the text itself is read later
    }
  }
}
