package dev.ciorchestrator.policy.cel;

import dev.cel.runtime.CelEvaluationException;

/**
 * A string read through the {@link EvaluationBudget}: re2j takes any {@link CharSequence} and reads
 * it one character at a time, so counting those reads lets one long match see the deadline. Each
 * read counts as {@code cost} units of work, a regex's program size: that is what re2j may do per
 * character.
 */
final class BudgetedText implements CharSequence {
  private final String text;
  private final EvaluationBudget budget;
  private final long cost;
  private long unreported;

  private BudgetedText(String text, EvaluationBudget budget, long cost) {
    this.text = text;
    this.budget = budget;
    this.cost = cost;
  }

  /** {@code text} itself when reading all of it at {@code cost} per character stays cheap. */
  static CharSequence of(String text, EvaluationBudget budget, long cost) {
    if ((long) text.length() * cost <= EvaluationBudget.UNCHECKED_CALL) {
      return text;
    }
    return new BudgetedText(text, budget, Math.max(cost, 1));
  }

  /** Unwinds a match past a bound; the caller turns it back into {@link #evaluationError()}. */
  static final class Stopped extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Stopped(CelEvaluationException cause) {
      super(cause.getMessage(), cause, false, false);
    }

    CelEvaluationException evaluationError() {
      return (CelEvaluationException) getCause();
    }
  }

  @Override
  public char charAt(int index) {
    unreported += cost;
    if (unreported >= EvaluationBudget.CLOCK_EVERY) {
      try {
        budget.work(unreported);
      } catch (CelEvaluationException e) {
        throw new Stopped(e);
      }
      unreported = 0;
    }
    return text.charAt(index);
  }

  @Override
  public int length() {
    return text.length();
  }

  @Override
  public CharSequence subSequence(int start, int end) {
    return text.subSequence(start, end);
  }

  @Override
  public String toString() {
    return text;
  }
}
