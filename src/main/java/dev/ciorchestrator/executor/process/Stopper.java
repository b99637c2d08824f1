package dev.ciorchestrator.executor.process;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * How a timed-out or cancelled job is stopped. Killing the process tree is enough for a local
 * script; a container engine's CLI is only a client, so killing it would leave the container
 * running, and the container executor stops the container through the engine instead.
 */
@FunctionalInterface
public interface Stopper {
  /** SIGTERM to the whole tree under the started process, then SIGKILL after the grace period. */
  Stopper PROCESS_TREE = ProcessTree::kill;

  /** Nothing beyond what the caller kills itself (a supervised job's process group). */
  Stopper NONE = (started, grace) -> CompletableFuture.completedFuture(null);

  /**
   * Stops what {@code started} runs; completes (never exceptionally) once all of it is gone, or
   * once trying longer is pointless. The run's outcome is recorded only after that.
   */
  CompletableFuture<Void> stop(ProcessHandle started, Duration grace);
}
