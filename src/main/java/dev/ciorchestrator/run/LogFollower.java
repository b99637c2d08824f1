package dev.ciorchestrator.run;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;

/**
 * Streams a log a job is still writing, so {@code curl -N .../log?follow=true} shows it live. The
 * log cannot say whether more will come; the run's state can. So the state is read before each read
 * of the log: once the run was over before a read that reached the end, nothing is left. It only
 * reads the store, so it follows a run that another replica executes as well.
 */
public final class LogFollower {
  static final long POLL_MILLIS = 200;

  private final RunLogs logs;
  private final String runId;
  private final int chunk;
  private final BooleanSupplier runOver;

  public LogFollower(RunLogs logs, String runId, int chunk, BooleanSupplier runOver) {
    this.logs = logs;
    this.runId = runId;
    this.chunk = chunk;
    this.runOver = runOver;
  }

  /** Writes the log from {@code start} on to {@code out} until the run is over and all is out. */
  public void follow(OutputStream out, long start) throws IOException {
    long offset = start;
    while (true) {
      boolean over = runOver.getAsBoolean();
      LogTail.Chunk next = logs.read(runId, offset, chunk);
      if (!next.text().isEmpty()) {
        out.write(next.text().getBytes(StandardCharsets.UTF_8));
        out.flush(); // each chunk leaves now; a client that went away makes this throw
      }
      offset = next.nextOffset();
      if (over && next.atEnd()) {
        return;
      }
      if (next.atEnd()) {
        pause();
      }
    }
  }

  private static void pause() throws InterruptedIOException {
    try {
      Thread.sleep(POLL_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("log follow interrupted");
    }
  }
}
