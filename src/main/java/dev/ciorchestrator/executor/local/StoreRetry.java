package dev.ciorchestrator.executor.local;

import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.run.WriteFence;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.jboss.logging.Logger;

/**
 * Calls to the run store that must get through: a run's move to {@code running} (its process starts
 * only after it) and its end. A store that fails for a while (a full or read-only disk, a database
 * restart) is retried with a backoff that doubles up to a bound, until the write lands, is refused
 * (someone moved the record first), or the executor lets go ({@code giveUp}): a run must neither
 * stay {@code running} after its job ended nor {@code pending} while its slot waits. One line is
 * logged when a write first fails and one when it lands, not one per retry; a write refused because
 * this replica no longer leads ({@link WriteFence.NotLeading}) is logged at INFO, as it is no fault
 * (the new leader adopts the run). Runs on the run's own thread, which waits in between.
 */
final class StoreRetry {
  private static final Logger LOG = Logger.getLogger(StoreRetry.class);

  /** One try: the record it stored (or read), or empty if there was nothing (left) to store. */
  @FunctionalInterface
  interface Call {
    Optional<RunRecord> attempt() throws IOException;
  }

  private final Duration first;
  private final Duration max;
  private final BooleanSupplier giveUp;

  /**
   * @param first the wait after the first failure
   * @param max the longest wait between tries
   * @param giveUp asked after each failure: true once the executor no longer holds its runs
   */
  StoreRetry(Duration first, Duration max, BooleanSupplier giveUp) {
    this.first = first;
    this.max = max;
    this.giveUp = giveUp;
  }

  /**
   * @param what for the log: "storing run abc as success"
   * @return what was stored; empty if nothing was (refused, nothing to do, or given up)
   */
  Optional<RunRecord> until(String what, Call write) {
    Duration wait = first;
    int failures = 0;
    boolean failed = false; // each kind of refusal is logged once
    boolean waitedForLeadership = false;
    while (true) {
      try {
        Optional<RunRecord> stored = write.attempt();
        if (failures > 0) {
          LOG.infof("the run store worked again %s, after %d failed attempts", what, failures);
        }
        return stored;
      } catch (IllegalStateException e) {
        return Optional.empty(); // a forward move by someone else won the race; theirs stands
      } catch (WriteFence.NotLeading e) {
        // not a fault: leadership moved, and the new leader adopts this run from its supervisor
        failures++;
        if (!waitedForLeadership) {
          waitedForLeadership = true;
          LOG.infof(
              "%s waits: %s; retried until this replica leads again or lets go",
              what, e.getMessage());
        }
      } catch (IOException e) {
        failures++;
        if (!failed) {
          failed = true;
          LOG.errorf(
              "the run store failed %s: %s; retrying (every %s at most) until it works",
              what, e.getMessage(), max);
        }
      }
      if (giveUp.getAsBoolean() || !pause(wait)) {
        LOG.warnf(
            "gave up %s after %d failed attempts: the executor stopped (a run's exit code stays in"
                + " its supervisor folder for the next start)",
            what, failures);
        return Optional.empty();
      }
      wait = wait.multipliedBy(2).compareTo(max) > 0 ? max : wait.multipliedBy(2);
    }
  }

  private static boolean pause(Duration wait) {
    try {
      Thread.sleep(wait.toMillis());
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
