package dev.ciorchestrator.persist;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A second writer process for {@link AtomicFilesCrashTest}: starts an atomic replace of {@code
 * args[0]}, writes part of the content and stalls there until it is killed, as a process does that
 * dies in the middle of a write.
 */
final class StalledWriter {
  private StalledWriter() {}

  public static void main(String[] args) throws IOException {
    byte[] content = "x".repeat(4096).getBytes(StandardCharsets.UTF_8);
    AtomicFiles.replace(
        Path.of(args[0]),
        content,
        (temp, bytes) -> {
          Files.write(temp, Arrays.copyOf(bytes, 100));
          try {
            Thread.sleep(Long.MAX_VALUE);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("stopped");
          }
        });
  }
}
