package dev.ciorchestrator.runtime;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;

/** Deployment settings of the merge queue ({@code ci.queue.*}); see docs/merge-queue.md. */
@ConfigMapping(prefix = "ci.queue")
public interface QueueSettings {
  /**
   * Where each branch's queue (its order, bisection and batch numbers) is kept across restarts.
   * Losing it is safe: the queues start over, and batches and runs keep their ids. Used with {@code
   * ci.store.kind=file} ({@link QueueStores}).
   */
  @WithDefault(".ci-orchestrator/queue.json")
  Path stateFile();
}
