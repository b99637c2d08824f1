package dev.ciorchestrator.executor.process;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/** A started job: how it ends, and how to stop it. */
public interface RunningProcess {
  /** Completes once the job and what it started are gone; never exceptionally. */
  CompletableFuture<ProcessOutcome> outcome();

  /** Stops the job and what it started; the outcome becomes CANCELLED unless it already ended. */
  void cancel();

  /**
   * This orchestrator stops following the job, as its death would: from now on nothing of the run
   * is stopped or swept here unless {@link #cancel} asks, even when its supervisor ends; the next
   * orchestrator adopting the run does that. Nothing to do for a job that dies with this JVM.
   */
  default void letGo() {}

  /** A run whose program could not start; its outcome is already there. */
  static RunningProcess notStarted(String why) {
    return ended(ProcessOutcome.failedToStart(why));
  }

  /** A run that already ended as {@code outcome}; a cancel changes nothing. */
  static RunningProcess ended(ProcessOutcome outcome) {
    CompletableFuture<ProcessOutcome> done = CompletableFuture.completedFuture(outcome);
    return new RunningProcess() {
      @Override
      public CompletableFuture<ProcessOutcome> outcome() {
        return done;
      }

      @Override
      public void cancel() {
        // nothing runs
      }
    };
  }

  /** "timed out after 1m30s": the message of a timeout, in the form people write timeouts. */
  static String timedOut(Duration timeout) {
    return "timed out after " + human(timeout);
  }

  /** "1s", "1m30s", "1.5s", "250ms". */
  static String human(Duration d) {
    if (d.toSeconds() == 0) {
      return d.toMillis() + "ms";
    }
    return d.toString().substring(2).toLowerCase(Locale.ROOT);
  }
}
