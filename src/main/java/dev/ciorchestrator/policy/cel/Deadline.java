package dev.ciorchestrator.policy.cel;

import dev.cel.common.ast.CelExpr;
import dev.cel.runtime.CelEvaluationListener;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.function.LongSupplier;

/**
 * Enforces the time limit of one evaluation. cel-java can neither be interrupted nor given a cost
 * budget, but the planner calls this listener after every node it evaluates, so throwing from here
 * unwinds the evaluation within one node of the deadline; built-ins whose one call can take long
 * ask {@link #inTime()} as they go (see {@link EvaluationBudget#work}). One instance per
 * evaluation: it is not shared between threads.
 *
 * <p>The limit is on the CPU time the evaluating thread spends, with the wall clock as the cheap
 * trigger: when the wall deadline passes, the thread's CPU time decides. A GC pause or a preempted
 * thread on a busy machine stops the wall clock's meaning, not the rule's cost, and must not turn a
 * cheap rule into a policy error. Wall-clock caps still bound every evaluation: {@link
 * #WALL_CAP_FACTOR} times the limit once it has spent a tenth of its CPU budget (a rule that costs
 * something, slowed further by the collections it causes or a busy machine), and {@link
 * #HARD_CAP_FACTOR} times the limit in any case. The first cap spares cheap rules: at a load
 * average of 20 on two cores a rule of 30 µs was seen preempted past 300 ms, and failing it would
 * make a policy's verdict depend on the machine's load.
 */
final class Deadline implements CelEvaluationListener {
  static final int WALL_CAP_FACTOR = 3;
  static final int HARD_CAP_FACTOR = 10;
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private final long budgetNanos;
  private final LongSupplier wallClock;
  private final LongSupplier cpuClock;
  private final long wallStart;
  private final long cpuStart;
  private long wallDeadline;
  private boolean exceeded;

  Deadline(long budgetNanos) {
    this(budgetNanos, System::nanoTime, Deadline::threadCpuNanos);
  }

  /** With injected clocks, for tests; {@code cpuClock} returns -1 where CPU time is unavailable. */
  Deadline(long budgetNanos, LongSupplier wallClock, LongSupplier cpuClock) {
    this.budgetNanos = budgetNanos;
    this.wallClock = wallClock;
    this.cpuClock = cpuClock;
    this.wallStart = wallClock.getAsLong();
    this.cpuStart = cpuClock.getAsLong();
    this.wallDeadline = wallStart + budgetNanos;
  }

  @Override
  public void callback(CelExpr expr, Object result) {
    // Every node, not every n-th: an expression of a few costly calls has only a few nodes.
    if (!inTime()) {
      throw new Exceeded();
    }
  }

  /**
   * Whether the evaluation may go on. Once it may not, it never may again: `||`, `&&` and `exists`
   * may absorb the error that unwinds it as a CEL error value, and the caller must still report the
   * breach rather than the absorbed result.
   */
  boolean inTime() {
    if (!exceeded && wallClock.getAsLong() - wallDeadline > 0 && !grantRest()) {
      exceeded = true;
    }
    return !exceeded;
  }

  boolean exceeded() {
    return exceeded;
  }

  /**
   * The wall deadline passed: if the thread has used less CPU than the budget, the difference was
   * spent off-CPU, so move the wall deadline by the CPU budget still left.
   */
  private boolean grantRest() {
    long now = wallClock.getAsLong();
    long cpu = cpuClock.getAsLong();
    long wall = now - wallStart;
    if (cpuStart < 0 || cpu < 0 || wall >= budgetNanos * HARD_CAP_FACTOR) {
      return false;
    }
    long used = cpu - cpuStart;
    if (used >= budgetNanos
        || (wall >= budgetNanos * WALL_CAP_FACTOR && used >= budgetNanos / 10)) {
      return false;
    }
    wallDeadline = now + (budgetNanos - used);
    return true;
  }

  private static long threadCpuNanos() {
    return THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : -1;
  }

  /** Unwinds the evaluation past any bound; carries no stack trace because nobody needs it. */
  static final class Exceeded extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Exceeded() {
      super("evaluation bound exceeded", null, false, false);
    }
  }
}
