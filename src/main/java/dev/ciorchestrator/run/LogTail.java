package dev.ciorchestrator.run;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Reads a log that a running job is still appending to, in chunks the API streams to a browser. The
 * caller keeps {@link Chunk#nextOffset()} and asks again; whether more can ever come is the run's
 * state, not the file's, so the API stops once the run is terminal and a chunk is at the end.
 */
public final class LogTail {
  /** The longest UTF-8 sequence; a smaller chunk could be unable to hold a single character. */
  public static final int MIN_CHUNK = 4;

  /**
   * @param text decoded text; never ends inside a character (invalid bytes become U+FFFD)
   * @param nextOffset the byte offset to ask for next
   * @param atEnd everything written so far was returned, save an unfinished character held back
   */
  public record Chunk(String text, long nextOffset, boolean atEnd) {}

  private LogTail() {}

  /** A missing log is an empty one: the run may not have started writing yet. */
  public static Chunk read(Path logFile, long offset, int maxBytes) throws IOException {
    check(offset, maxBytes);
    RunLogs.Range r = range(logFile, offset, maxBytes);
    return decode(offset, r.bytes(), r.size());
  }

  /**
   * Up to {@code maxBytes} raw bytes of {@code logFile} from {@code offset}, with the file's size;
   * a missing file is an empty log.
   */
  public static RunLogs.Range range(Path logFile, long offset, int maxBytes) throws IOException {
    if (offset < 0 || maxBytes < 0) {
      throw new IllegalArgumentException(
          "offset and maxBytes must be >= 0: " + offset + ", " + maxBytes);
    }
    ByteBuffer buffer = ByteBuffer.allocate(maxBytes);
    long size;
    try (FileChannel channel = FileChannel.open(logFile, StandardOpenOption.READ)) {
      while (buffer.hasRemaining() && channel.read(buffer, offset + buffer.position()) > 0) {
        // read() may return fewer bytes than are there; keep going until full or at the end
      }
      size = channel.size();
    } catch (NoSuchFileException e) {
      return new RunLogs.Range(new byte[0], 0);
    }
    byte[] bytes = buffer.array();
    return new RunLogs.Range(
        buffer.position() == maxBytes ? bytes : Arrays.copyOf(bytes, buffer.position()), size);
  }

  /** The text of {@code bytes} read at {@code offset} of a log of {@code size} bytes. */
  static Chunk decode(long offset, byte[] bytes, long size) {
    int length = completeLength(bytes, bytes.length);
    String text = new String(bytes, 0, length, StandardCharsets.UTF_8);
    return new Chunk(text, offset + length, offset + bytes.length >= size);
  }

  static void check(long offset, int maxBytes) {
    if (offset < 0 || maxBytes < MIN_CHUNK) {
      throw new IllegalArgumentException(
          "offset must be >= 0 and maxBytes >= " + MIN_CHUNK + ": " + offset + ", " + maxBytes);
    }
  }

  /**
   * How many of the first {@code n} bytes end on a character boundary: a lead byte near the end
   * whose continuation bytes have not been read (or written) yet is held back for the next read.
   */
  public static int completeLength(byte[] bytes, int n) {
    for (int i = n - 1; i >= Math.max(0, n - MIN_CHUNK); i--) {
      int b = bytes[i] & 0xFF;
      if ((b & 0xC0) == 0x80) {
        continue; // a continuation byte: its lead is further back
      }
      int needed = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
      return n - i < needed ? i : n;
    }
    return n;
  }
}
