package dev.ciorchestrator.run;

import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A {@link ControllerMemory} that forgets the changes nobody plans any more: what it remembers of a
 * change goes once the forge no longer lists the change as open and nothing was remembered of it
 * since {@code ci.store.retention}. An open change keeps everything, however old, so a served
 * {@code /retest} is never answered, nor a refused merge tried, a second time while it is open.
 * Only the leader forgets ({@link WriteFence}).
 */
public interface MemoryRetention {
  /** The open changes of a repository, as its forge lists them now. */
  @FunctionalInterface
  interface OpenChanges {
    /**
     * @return empty when it is not known (the repository is not configured any more, or its forge
     *     did not answer): then nothing of that repository is forgotten
     */
    Optional<Set<Long>> of(String repo);

    /** Whether the forge no longer lists the change as open; false when that is not known. */
    default boolean closed(String repo, long change) {
      return of(repo).map(open -> !open.contains(change)).orElse(false);
    }

    /** These, each repository asked once. */
    default OpenChanges memoized() {
      Map<String, Optional<Set<Long>>> known = new HashMap<>();
      return repo -> known.computeIfAbsent(repo, this::of);
    }
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
