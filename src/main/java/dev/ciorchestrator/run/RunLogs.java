package dev.ciorchestrator.run;

import java.io.IOException;

/**
 * Where a run's output lives: appended while it runs, read back in byte ranges by anyone (the API
 * of any replica, the CLI) while it is still being written.
 */
public interface RunLogs {
  /**
   * Up to {@code maxBytes} of the run's log from byte {@code offset}, never ending inside a
   * character. A run that wrote nothing yet has an empty log.
   *
   * @throws IllegalArgumentException if {@code offset < 0} or {@code maxBytes} cannot hold one
   *     character ({@link LogTail#MIN_CHUNK})
   */
  LogTail.Chunk read(String runId, long offset, int maxBytes) throws IOException;

  /** Adds {@code bytes} at the end of the run's log. */
  void append(String runId, byte[] bytes) throws IOException;
}
