package dev.ciorchestrator.reconcile;

import dev.ciorchestrator.forge.MergeResult;
import dev.ciorchestrator.policy.Evaluation;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * What the reconcile loop tells about itself, for metrics. A port, so the core needs no metrics
 * library; the service implements it with Micrometer. Calls happen on the loop's threads (passes
 * over different repositories at once) and must not block. Repository names come from the config,
 * so they are a bounded set.
 */
public interface LoopMetrics {
  /** Does nothing; for tests and benchmarks. */
  LoopMetrics NONE = new LoopMetrics() {};

  /** One pass over {@code repo} ended; {@code failed} when it threw. */
  default void passFinished(String repo, Duration took, boolean failed) {}

  /**
   * A change's gate decision was published: its {@code ci/gate} status changed and the gate flipped
   * or settled (no job left to wait for), as the console logs it. Its steps while jobs run are not
   * decisions.
   */
  default void gateDecided(String repo, GateDecision gate) {}

  /** A merge was tried and the forge answered. */
  default void merged(String repo, MergeResult result) {}

  /** A change opened at {@code openedAt} was merged just now (for the open-to-merge time). */
  default void changeMerged(String repo, Instant openedAt) {}

  /** The planner evaluated {@code policy} for one change (see {@link PolicyObserver}). */
  default void policyEvaluated(String policy, Evaluation.Verdict verdict, long nanos) {}

  /**
   * A pass over {@code repo} spent its time budget with {@code carried} changes not yet planned;
   * they carry over to its next pass (see {@link PassBudget}).
   */
  default void budgetSpent(String repo, int carried) {}

  /** Where to read the running loop's liveness from, whenever the metrics are read. */
  default void watchLiveness(Supplier<LoopLiveness> liveness) {}
}
