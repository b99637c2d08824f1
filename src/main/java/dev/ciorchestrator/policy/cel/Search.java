package dev.ciorchestrator.policy.cel;

import dev.cel.runtime.CelEvaluationException;

/**
 * Substring search the way the stock functions search, position after position, but charging each
 * comparison to the {@link EvaluationBudget} so that a search that would take minutes ends at the
 * deadline. Over characters for {@code contains} and {@code split} (which search Java strings),
 * over code points for the strings extension's {@code indexOf}, {@code lastIndexOf} and {@code
 * replace}.
 */
final class Search {
  private Search() {}

  /** The first position at or after {@code from} where {@code search} starts, or -1. */
  static int indexOf(String text, String search, int from, EvaluationBudget budget)
      throws CelEvaluationException {
    if (search.isEmpty()) {
      return Math.min(from, text.length());
    }
    char first = search.charAt(0);
    int last = text.length() - search.length();
    for (int at = text.indexOf(first, from); at >= 0 && at <= last; ) {
      budget.work(search.length());
      if (text.regionMatches(at, search, 0, search.length())) {
        return at;
      }
      int next = text.indexOf(first, at + 1);
      budget.work(next < 0 ? text.length() - at : next - at); // what the skip read
      at = next;
    }
    return -1;
  }

  /** As the strings extension's {@code safeIndexOf}: from {@code from} on, -1 if nowhere. */
  static int indexOf(int[] text, int[] search, int from, EvaluationBudget budget)
      throws CelEvaluationException {
    for (int at = from; at < text.length - (search.length - 1); at++) {
      int matched = matched(text, at, search);
      budget.work(matched + 1L);
      if (matched == search.length) {
        return at;
      }
    }
    return -1;
  }

  /** The last position at or before {@code from} where {@code search} starts, or -1. */
  static int lastIndexOf(int[] text, int[] search, int from, EvaluationBudget budget)
      throws CelEvaluationException {
    for (int at = from; at >= 0; at--) {
      int matched = matched(text, at, search);
      budget.work(matched + 1L);
      if (matched == search.length) {
        return at;
      }
    }
    return -1;
  }

  private static int matched(int[] text, int at, int[] search) {
    int j = 0;
    while (j < search.length && text[at + j] == search[j]) {
      j++;
    }
    return j;
  }
}
