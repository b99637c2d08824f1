package dev.ciorchestrator.run;

import java.io.IOException;
import java.time.Instant;

/**
 * A {@link ControllerMemory} that forgets the changes nobody plans any more: what it remembers of a
 * change goes once the forge no longer lists the change as open and nothing was remembered of it
 * since {@code ci.store.retention}. An open change keeps everything, however old, so a served
 * {@code /retest} is never answered, nor a refused merge tried, a second time while it is open.
 * Only the leader forgets ({@link WriteFence}).
 */
public interface MemoryRetention {
  /** Which changes are closed now, as their forge tells. */
  @FunctionalInterface
  interface OpenChanges {
    /**
     * Whether the forge no longer lists the change as open; false when it is open, and when that is
     * not known (the repository is not configured any more, or its forge did not answer): then
     * nothing of it is forgotten.
     */
    boolean closed(String repo, long change);
  }

  /**
   * Looks at up to {@code batches} batches of {@code batch} remembered changes, going on where the
   * last call stopped, so a memory larger than one call's share is covered over several calls. A
   * database forgets each batch in one transaction; a file is rewritten once per call, and only if
   * something was forgotten.
   *
   * @param cutoff a change remembered at or after it is kept
   * @return how many changes it forgot
   * @throws IllegalArgumentException if {@code batch} or {@code batches} is less than 1
   */
  int forgetClosedBefore(Instant cutoff, OpenChanges open, int batch, int batches)
      throws IOException;

  /** Checks the sizes {@link #forgetClosedBefore} takes. */
  static void checkBatches(int batch, int batches) {
    if (batch < 1 || batches < 1) {
      throw new IllegalArgumentException(
          "retention needs at least one batch of at least one change, got %d of %d"
              .formatted(batches, batch));
    }
  }
}
