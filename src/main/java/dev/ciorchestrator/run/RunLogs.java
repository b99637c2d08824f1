package dev.ciorchestrator.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Where a run's output lives: appended while it runs, read back in byte ranges by anyone (the API
 * of any replica, the UI, the CLI) while it is still being written. No read returns more than it
 * was asked for, so a 100 MB log costs a reader one window, whichever store holds it.
 */
public interface RunLogs {
  /**
   * Raw bytes of a log and its size when they were read.
   *
   * @param bytes at most the bytes asked for; fewer at the end of the log
   * @param size how many bytes the log held when read (0 for a log nothing was written to)
   */
  record Range(byte[] bytes, long size) {}

  /**
   * Up to {@code maxBytes} raw bytes of the run's log from byte {@code offset}, cut anywhere
   * (inside a character or line too), with the log's size; {@code maxBytes} 0 asks for the size
   * alone. A run that wrote nothing yet has an empty log.
   *
   * @throws IllegalArgumentException if {@code offset < 0} or {@code maxBytes < 0}
   */
  Range range(String runId, long offset, int maxBytes) throws IOException;

  /**
   * Up to {@code maxBytes} of the run's log from byte {@code offset}, never ending inside a
   * character. A run that wrote nothing yet has an empty log.
   *
   * @throws IllegalArgumentException if {@code offset < 0} or {@code maxBytes} cannot hold one
   *     character ({@link LogTail#MIN_CHUNK})
   */
  default LogTail.Chunk read(String runId, long offset, int maxBytes) throws IOException {
    LogTail.check(offset, maxBytes);
    Range r = range(runId, offset, maxBytes);
    return LogTail.decode(offset, r.bytes(), r.size());
  }

  /** How many bytes the run's log holds now. */
  default long size(String runId) throws IOException {
    return range(runId, 0, 0).size();
  }

  /** Adds {@code bytes} at the end of the run's log. */
  void append(String runId, byte[] bytes) throws IOException;

  /** {@code text} in UTF-8, appended. */
  default void append(String runId, String text) throws IOException {
    append(runId, text.getBytes(StandardCharsets.UTF_8));
  }
}
