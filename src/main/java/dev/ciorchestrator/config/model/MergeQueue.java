package dev.ciorchestrator.config.model;

import dev.ciorchestrator.domain.Glob;
import java.util.List;

/**
 * {@code merge.queue} of a Repository: changes whose gate passes wait in a queue per target branch
 * and are tested together, in batches of up to {@code maxBatch}, on the branch's latest tip before
 * they merge (DESIGN.md "Merge queue").
 *
 * @param enabled whether the repository has a queue at all; {@link #OFF} when {@code queue} is
 *     absent
 * @param maxBatch how many changes one batch tests together, at least 1
 * @param branches globs of the target branches that queue; empty means every target branch
 */
public record MergeQueue(boolean enabled, int maxBatch, List<String> branches) {
  /** What a repository without {@code merge.queue} has: changes merge one by one. */
  public static final MergeQueue OFF = new MergeQueue(false, 0, List.of());

  public static final int DEFAULT_MAX_BATCH = 4;
  public static final int MAX_BATCH_LIMIT = 64;

  public MergeQueue {
    branches = List.copyOf(branches);
    if (enabled && (maxBatch < 1 || maxBatch > MAX_BATCH_LIMIT)) {
      throw new IllegalArgumentException(
          "maxBatch must be between 1 and " + MAX_BATCH_LIMIT + ", got " + maxBatch);
    }
  }

  /** Whether changes into {@code branch} go through the queue rather than merge on their own. */
  public boolean covers(String branch) {
    return enabled
        && (branches.isEmpty() || branches.stream().anyMatch(g -> Glob.compile(g).matches(branch)));
  }
}
