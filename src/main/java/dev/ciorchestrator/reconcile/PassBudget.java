package dev.ciorchestrator.reconcile;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * How long one repository's pass may go on planning changes. Once it is spent, the changes not
 * planned yet wait for the repository's next pass, which plans them first: a repository whose
 * policies are slow delays its own changes, never another repository's pass. At least one change is
 * planned per pass, so a repository always gets somewhere.
 *
 * <p>The pass counts it from when it starts planning ({@link #fromNow}): reading the forge and the
 * runs before cannot be cut short, and after a start it takes seconds once for thousands of changes
 * (Git facts of each, every run record), which must not leave the first pass room for one change.
 */
public final class PassBudget {
  private final long limitNanos;
  private final LongSupplier nanoTime;
  private final long start;

  private PassBudget(long limitNanos, LongSupplier nanoTime) {
    this.limitNanos = limitNanos;
    this.nanoTime = nanoTime;
    this.start = nanoTime.getAsLong();
  }

  /** A budget that is never spent: every changed change is planned in this pass. */
  public static PassBudget unlimited() {
    return new PassBudget(Long.MAX_VALUE, System::nanoTime);
  }

  /**
   * A budget of {@code limit} from now, read off {@code nanoTime} ({@code System::nanoTime} in the
   * service; a test's own ticker, to decide without timing).
   */
  public static PassBudget of(Duration limit, LongSupplier nanoTime) {
    return new PassBudget(limit.toNanos(), nanoTime);
  }

  /** The same limit on the same clock, counted from now. */
  PassBudget fromNow() {
    return new PassBudget(limitNanos, nanoTime);
  }

  /** Now on this budget's clock, in nanoseconds. */
  long now() {
    return nanoTime.getAsLong();
  }

  /** Time used so far, in nanoseconds. */
  long usedNanos() {
    return nanoTime.getAsLong() - start;
  }

  /** Time left, in nanoseconds; zero or less once spent. */
  long leftNanos() {
    return limitNanos == Long.MAX_VALUE ? Long.MAX_VALUE : limitNanos - usedNanos();
  }

  boolean spent() {
    return leftNanos() <= 0;
  }

  /**
   * How many more changes fit in what is left, judged by what {@code done} changes cost so far:
   * never fewer than one and at most twice {@code last}, so a pass's first slow change cannot be
   * followed by a hundred more before the budget is read again.
   */
  int nextChunk(int done, int last) {
    if (done == 0) {
      return limitNanos == Long.MAX_VALUE ? Integer.MAX_VALUE : 1;
    }
    long left = leftNanos();
    if (left == Long.MAX_VALUE) {
      return Integer.MAX_VALUE; // one plan for all, as without a budget
    }
    long perChange = Math.max(1, usedNanos() / done);
    long fits = Math.max(1, left / perChange);
    return (int) Math.min(fits, Math.max(1L, last * 2L));
  }
}
