package dev.ciorchestrator.reconcile;

import dev.ciorchestrator.forge.MergeResult;
import dev.ciorchestrator.policy.Evaluation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * When the reconcile loop last got something done, for {@link LoopLiveness}. The loop marks it
 * between passes; {@link #counting} also marks it at every policy evaluation, gate decision and
 * merge of a pass, so that a long pass over many changes (say, each with policies that run into
 * their time limit) is told apart from one that waits forever. Thread-safe.
 *
 * <p>Passes over several repositories run at once, each on its own thread, and a mark counts for
 * the pass of the thread that made it. {@link #last} is the oldest mark of the passes running, so
 * one pass that hangs is seen however busily the others get on.
 */
public final class LoopProgress {
  private final Clock clock;
  private final Map<Thread, Instant> passes = new ConcurrentHashMap<>();
  private volatile Instant last;

  public LoopProgress(Clock clock) {
    this.clock = clock;
    this.last = clock.instant();
  }

  public void mark() {
    Instant now = clock.instant();
    last = now;
    passes.computeIfPresent(Thread.currentThread(), (t, before) -> now);
  }

  /** When the loop last got somewhere: the least recent mark of a running pass, if one runs. */
  public Instant last() {
    Instant oldest = last;
    for (Instant pass : passes.values()) {
      if (pass.isBefore(oldest)) {
        oldest = pass;
      }
    }
    return oldest;
  }

  /** A pass starts on this thread; its progress counts from now. */
  void passStarted() {
    passes.put(Thread.currentThread(), clock.instant());
  }

  /** This thread's pass ended, which is progress too. */
  void passEnded() {
    passes.remove(Thread.currentThread());
    mark();
  }

  /** {@code metrics}, marking progress at each step of a pass it is told about. */
  public LoopMetrics counting(LoopMetrics metrics) {
    return new LoopMetrics() {
      @Override
      public void passFinished(String repo, Duration took, boolean failed) {
        mark();
        metrics.passFinished(repo, took, failed);
      }

      @Override
      public void gateDecided(String repo, GateDecision gate) {
        mark();
        metrics.gateDecided(repo, gate);
      }

      @Override
      public void merged(String repo, MergeResult result) {
        mark();
        metrics.merged(repo, result);
      }

      @Override
      public void changeMerged(String repo, Instant openedAt) {
        mark();
        metrics.changeMerged(repo, openedAt);
      }

      @Override
      public void policyEvaluated(String policy, Evaluation.Verdict verdict, long nanos) {
        mark();
        metrics.policyEvaluated(policy, verdict, nanos);
      }

      @Override
      public void budgetSpent(String repo, int carried) {
        metrics.budgetSpent(repo, carried);
      }

      @Override
      public void watchLiveness(Supplier<LoopLiveness> liveness) {
        metrics.watchLiveness(liveness);
      }
    };
  }
}
