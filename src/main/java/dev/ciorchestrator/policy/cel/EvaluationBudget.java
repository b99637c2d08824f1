package dev.ciorchestrator.policy.cel;

import dev.cel.common.ast.CelExpr;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelEvaluationListener;
import dev.cel.runtime.CelRuntime;
import java.util.Map;
import java.util.Optional;

/**
 * What one evaluation may spend, besides cel-java's own iteration count: time ({@link Deadline},
 * checked after every node and, through {@link #work}, inside every built-in whose single call can
 * take long) and memory ({@link #allocate}: what list and map literals, list concatenation and the
 * built-ins that make many values build, as {@link ValueSizes estimated bytes}).
 *
 * <p>Built-ins reach the budget of the evaluation on their thread through {@link #current()}: a
 * function binding is shared by every evaluation and cannot be given one. One instance per
 * evaluation, used by its thread only.
 */
final class EvaluationBudget implements CelEvaluationListener {
  /** Units of work (about a character compared or an element visited) between two clock reads. */
  static final long CLOCK_EVERY = 1 << 16;

  /**
   * Work a built-in may do in one call without reading the clock at all: a few milliseconds. A call
   * that could cost more reads it every {@link #CLOCK_EVERY} units instead.
   */
  static final long UNCHECKED_CALL = 1 << 22;

  private static final ThreadLocal<EvaluationBudget> CURRENT = new ThreadLocal<>();

  private final Deadline deadline;
  private final CelLimits limits;
  private final ValueSizes sizes = new ValueSizes(this);
  private long work;
  private long allocated;
  private String breach; // the first bound exceeded, once one is

  EvaluationBudget(Deadline deadline, CelLimits limits) {
    this.deadline = deadline;
    this.limits = limits;
  }

  /** The budget of the evaluation running on this thread. */
  static EvaluationBudget current() {
    EvaluationBudget budget = CURRENT.get();
    if (budget == null) {
      throw new IllegalStateException("a bounded CEL built-in ran outside an evaluation");
    }
    return budget;
  }

  /** Evaluates {@code program} with this budget as its listener and the current budget. */
  Object trace(CelRuntime.Program program, Map<String, Object> activation)
      throws CelEvaluationException {
    CURRENT.set(this);
    try {
      return program.trace(activation, this);
    } finally {
      CURRENT.remove();
    }
  }

  @Override
  public void callback(CelExpr expr, Object result) {
    if (breach != null) {
      throw new Deadline.Exceeded(); // `||`, `&&` and `exists` may have absorbed the first throw
    }
    deadline.callback(expr, result);
    CelExpr.ExprKind.Kind kind = expr.getKind();
    if (kind == CelExpr.ExprKind.Kind.LIST || kind == CelExpr.ExprKind.Kind.MAP) {
      try {
        allocate(sizes.of(result));
      } catch (CelEvaluationException e) {
        throw new Deadline.Exceeded();
      }
    }
  }

  /**
   * Counts work a built-in is about to do or has done, and reads the clock every {@link
   * #CLOCK_EVERY} units, so that no single call outlasts the time limit by more than that.
   */
  void work(long units) throws CelEvaluationException {
    work += units;
    if (work >= CLOCK_EVERY) {
      work = 0;
      if (!deadline.inTime()) {
        throw exceeded(timeLimit());
      }
    }
  }

  /** Counts memory an evaluation keeps building, in estimated bytes. */
  void allocate(long bytes) throws CelEvaluationException {
    allocated += bytes;
    if (allocated > limits.maxAllocation()) {
      throw exceeded(
          "evaluation exceeded the allocation budget of " + limits.describeMaxAllocation());
    }
  }

  /** The estimated size of a value built by the evaluation, counted as work while measured. */
  long sizeOf(Object value) throws CelEvaluationException {
    return sizes.of(value);
  }

  /** Why the evaluation must stop, if a bound was exceeded; the time limit included. */
  Optional<String> breach() {
    if (breach == null && deadline.exceeded()) {
      breach = timeLimit();
    }
    return Optional.ofNullable(breach);
  }

  private String timeLimit() {
    return "evaluation exceeded the " + limits.describeTimeLimit() + " time limit";
  }

  private CelEvaluationException exceeded(String why) {
    if (breach == null) {
      breach = why;
    }
    return new CelEvaluationException(breach);
  }
}
