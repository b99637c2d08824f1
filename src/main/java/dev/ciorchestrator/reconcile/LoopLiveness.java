package dev.ciorchestrator.reconcile;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What a liveness probe needs to know of a {@link ReconcileLoop}: a loop that waits for work is
 * alive however long it waits, but one that has work and has not got anything done (see {@link
 * LoopProgress}) for a long time, or whose thread is gone, is stuck, and only a restart helps.
 *
 * @param running started and not closed (a follower's loop is closed: it has nothing to do)
 * @param threadAlive the loop's thread still exists
 * @param hasWork a pass is running or asked for
 * @param lastProgress when the loop last got something done, took up work or found none
 */
public record LoopLiveness(
    boolean running, boolean threadAlive, boolean hasWork, Instant lastProgress) {

  /** How long the loop has had work without getting anywhere; zero while idle or not running. */
  public Duration stuckFor(Instant now) {
    if (!running || (threadAlive && !hasWork)) {
      return Duration.ZERO;
    }
    Duration quiet = Duration.between(lastProgress, now);
    return quiet.isNegative() ? Duration.ZERO : quiet;
  }

  /** Why the loop is stuck at {@code now}; empty while it is healthy. */
  public Optional<String> stall(Instant now, Duration timeout) {
    if (running && !threadAlive) {
      return Optional.of("the reconcile thread has died");
    }
    Duration stuck = stuckFor(now);
    if (stuck.compareTo(timeout) > 0) {
      return Optional.of(
          "the reconcile loop has made no progress for %d s (limit %d s)"
              .formatted(stuck.toSeconds(), timeout.toSeconds()));
    }
    return Optional.empty();
  }
}
