package dev.ciorchestrator.reconcile;

import dev.ciorchestrator.policy.Evaluation;

/**
 * Hears every policy evaluation the planner makes, for metrics. The planner's output does not
 * depend on it; calls happen on the planning thread and must not block.
 */
@FunctionalInterface
public interface PolicyObserver {
  PolicyObserver NONE = (policy, verdict, nanos) -> {};

  /**
   * @param nanos how long the evaluation (match, rule and message) took
   */
  void evaluated(String policy, Evaluation.Verdict verdict, long nanos);
}
