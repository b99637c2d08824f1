package dev.ciorchestrator.runtime;

import dev.ciorchestrator.run.MemoryRetention;
import dev.ciorchestrator.run.Retention;
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * One pass of {@link RetentionService}, in plain Java: finished runs first, then the memory of
 * closed changes, each in at most {@link #MAX_BATCHES} batches; what does not fit waits for the
 * next pass. A failure of one part leaves the other to run.
 */
final class RetentionPass {
  private static final Logger LOG = Logger.getLogger(RetentionPass.class);

  /** Batches per pass, of runs and of remembered changes. */
  static final int MAX_BATCHES = 100;

  /** What one pass deleted: runs with their logs, and closed changes' memory. */
  record Deleted(int runs, int changes) {}

  private final Retention runs;
  private final int batch;

  RetentionPass(Retention runs, int batch) {
    this.runs = runs;
    this.batch = batch;
  }

  /**
   * @param memory the memory the loop of this term writes, if its store forgets
   * @param open the changes the forge lists as open, which keep their memory
   */
  Deleted run(Instant cutoff, Optional<MemoryRetention> memory, MemoryRetention.OpenChanges open) {
    return new Deleted(deleteRuns(cutoff), forgetClosedChanges(cutoff, memory, open));
  }

  private int deleteRuns(Instant cutoff) {
    int total = 0;
    try {
      for (int i = 0; i < MAX_BATCHES; i++) {
        int deleted = runs.deleteFinishedBefore(cutoff, batch);
        total += deleted;
        if (deleted < batch) {
          break;
        }
      }
    } catch (IOException | RuntimeException e) {
      LOG.warnf("retention of runs failed (the next pass tries again): %s", e.getMessage());
    }
    return total;
  }

  private int forgetClosedChanges(
      Instant cutoff, Optional<MemoryRetention> memory, MemoryRetention.OpenChanges open) {
    if (memory.isEmpty()) {
      return 0;
    }
    try {
      return memory.get().forgetClosedBefore(cutoff, open, batch, MAX_BATCHES);
    } catch (IOException | RuntimeException e) {
      LOG.warnf(
          "retention of the controller's memory failed (the next pass tries again): %s",
          e.getMessage());
      return 0;
    }
  }
}
