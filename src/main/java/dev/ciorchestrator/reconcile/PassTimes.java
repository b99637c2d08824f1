package dev.ciorchestrator.reconcile;

import dev.ciorchestrator.policy.Evaluation;
import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;

/**
 * Where one pass's time went: reading the forge and the runs, then planning the changes whose
 * inputs moved, of which evaluating policies. Kept so that a pass that spent its budget is told
 * apart: slow policies, or many changes to plan (the first pass after a start plans every change
 * once).
 *
 * @param reading from the pass's start until it began planning
 * @param planning planning, acting on and reporting the changes, policies included
 * @param policies evaluating policies while planning, summed over the planner's threads
 */
public record PassTimes(Duration reading, Duration planning, Duration policies) {
  public static final PassTimes NONE = new PassTimes(Duration.ZERO, Duration.ZERO, Duration.ZERO);

  /** Whether policies took at least half the planning: then they are what made the pass slow. */
  public boolean policiesDominate() {
    return policies.multipliedBy(2).compareTo(planning) >= 0;
  }

  /**
   * Sums one pass's policy evaluations while passing each on; the planner may evaluate on several
   * threads at once.
   */
  static final class Policies implements PolicyObserver {
    private final PolicyObserver next;
    private final LongAdder nanos = new LongAdder();

    Policies(PolicyObserver next) {
      this.next = next;
    }

    @Override
    public void evaluated(String policy, Evaluation.Verdict verdict, long took) {
      nanos.add(took);
      next.evaluated(policy, verdict, took);
    }

    PassTimes times(long readingNanos, long planningNanos) {
      return new PassTimes(
          Duration.ofNanos(readingNanos),
          Duration.ofNanos(planningNanos),
          Duration.ofNanos(nanos.sum()));
    }
  }
}
