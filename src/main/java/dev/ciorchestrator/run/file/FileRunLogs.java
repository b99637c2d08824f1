package dev.ciorchestrator.run.file;

import dev.ciorchestrator.run.LogTail;
import dev.ciorchestrator.run.RunLogs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Function;

/**
 * Logs as the files the executors' jobs append to directly (one per run, where its executor keeps
 * it), for the embedded default.
 */
public final class FileRunLogs implements RunLogs {
  private final Function<String, Path> logFile;

  /** {@code logFile} says where a run's log is, from its id. */
  public FileRunLogs(Function<String, Path> logFile) {
    this.logFile = logFile;
  }

  @Override
  public Range range(String runId, long offset, int maxBytes) throws IOException {
    return LogTail.range(logFile.apply(runId), offset, maxBytes);
  }

  @Override
  public void append(String runId, byte[] bytes) throws IOException {
    Path file = logFile.apply(runId);
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.write(file, bytes, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }
}
