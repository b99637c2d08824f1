package dev.ciorchestrator.web;

import dev.ciorchestrator.executor.process.LogTail;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;

/**
 * Streams a log a job is still writing, so {@code curl -N .../log?follow=true} shows it live. The
 * file cannot say whether more will come; the run's state can. So the state is read before each
 * read of the file: once the run was over before a read that reached the end, nothing is left.
 */
final class LogFollower {
  static final long POLL_MILLIS = 200;

  private final Path logFile;
  private final BooleanSupplier runOver;

  LogFollower(Path logFile, BooleanSupplier runOver) {
    this.logFile = logFile;
    this.runOver = runOver;
  }

  StreamingOutput from(long offset) {
    return out -> follow(out, offset);
  }

  private void follow(OutputStream out, long start) throws IOException {
    long offset = start;
    while (true) {
      boolean over = runOver.getAsBoolean();
      LogTail.Chunk chunk = LogTail.read(logFile, offset, RunResource.CHUNK);
      if (!chunk.text().isEmpty()) {
        out.write(chunk.text().getBytes(StandardCharsets.UTF_8));
        out.flush(); // each chunk leaves now; a client that went away makes this throw
      }
      offset = chunk.nextOffset();
      if (over && chunk.atEnd()) {
        return;
      }
      if (chunk.atEnd()) {
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
