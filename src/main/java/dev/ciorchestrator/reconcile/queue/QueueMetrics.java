package dev.ciorchestrator.reconcile.queue;

import java.time.Duration;

/**
 * What the merge queue tells about itself, for metrics; tagged by repository and branch only (both
 * from the config, so bounded). A port, so the core needs no metrics library.
 */
public interface QueueMetrics {
  /** Does nothing; for tests and benchmarks. */
  QueueMetrics NONE = new QueueMetrics() {};

  /** How many changes wait in the branch's queue after a pass. */
  default void length(String repo, String branch, int changes) {}

  /** A change merged from the queue after waiting {@code waited} in it. */
  default void merged(String repo, String branch, Duration waited) {}

  /** A batch of {@code size} changes was built for testing. */
  default void batch(String repo, String branch, int size) {}

  /** A failed batch was split in two. */
  default void bisected(String repo, String branch) {}
}
