package dev.ciorchestrator.policy.cel;

import dev.cel.common.ast.CelExpr;
import dev.cel.runtime.CelEvaluationListener;

/**
 * Enforces the wall-clock limit of one evaluation. cel-java can neither be interrupted nor given a
 * cost budget, but the planner calls this listener after every node it evaluates, so throwing from
 * here unwinds the evaluation within one node of the deadline. One instance per evaluation: it is
 * not shared between threads.
 */
final class Deadline implements CelEvaluationListener {
  private final long deadlineNanos;
  private boolean exceeded;

  Deadline(long budgetNanos) {
    this.deadlineNanos = System.nanoTime() + budgetNanos;
  }

  @Override
  public void callback(CelExpr expr, Object result) {
    // Every node, not every n-th: an expression of a few costly calls has only a few nodes.
    if (exceeded || System.nanoTime() - deadlineNanos > 0) {
      // Also set a flag: `||`, `&&` and `exists` may absorb this error as a CEL error value, and
      // the caller must still report the breach rather than the absorbed result.
      exceeded = true;
      throw new Exceeded();
    }
  }

  boolean exceeded() {
    return exceeded;
  }

  /** Unwinds the evaluation; carries no stack trace because nobody needs it. */
  static final class Exceeded extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Exceeded() {
      super("time limit exceeded", null, false, false);
    }
  }
}
