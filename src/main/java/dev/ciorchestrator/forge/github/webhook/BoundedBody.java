package dev.ciorchestrator.forge.github.webhook;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a request body, but never more than a limit: a body that turns out longer (chunked, or with
 * a lying {@code Content-Length}) is refused after at most {@code limit + 1} bytes were read, so
 * memory stays bounded whatever the client sends.
 */
public final class BoundedBody {
  private static final int CHUNK = 8192;

  private BoundedBody() {}

  /** The body is longer than the limit. */
  public static final class TooLargeException extends Exception {
    private static final long serialVersionUID = 1L;

    TooLargeException(long limit) {
      super("body is larger than " + limit + " bytes", null, false, false);
    }
  }

  /** All of {@code in}, if it holds at most {@code limit} bytes. */
  public static byte[] read(InputStream in, long limit) throws IOException, TooLargeException {
    ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(limit, CHUNK));
    byte[] buffer = new byte[CHUNK];
    long total = 0;
    while (true) {
      int want = (int) Math.min(buffer.length, limit + 1 - total);
      int n = in.read(buffer, 0, want);
      if (n < 0) {
        return out.toByteArray();
      }
      total += n;
      if (total > limit) {
        throw new TooLargeException(limit);
      }
      out.write(buffer, 0, n);
    }
  }
}
