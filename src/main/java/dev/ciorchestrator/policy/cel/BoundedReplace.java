package dev.ciorchestrator.policy.cel;

import dev.cel.common.exceptions.CelInvalidArgumentException;
import dev.cel.runtime.CelEvaluationException;

/**
 * The strings extension's {@code replace}, refused when it would lengthen a string beyond {@link
 * CelLimits#maxResultSize()}: one call of {@code s.replace('a', s)} squares the size of {@code s}.
 * A cheap call is measured before the stock function builds it; a costly one is done here, as the
 * stock function does it (over code points, left to right, an empty search string matching before
 * every code point and at the end), with the search charged to the budget.
 */
final class BoundedReplace {
  private final int maxSize;

  BoundedReplace(int maxSize) {
    this.maxSize = maxSize;
  }

  /** For a cheap call: refuses before the stock function runs if its result would be too long. */
  void requireWithinBound(Object[] args, long limit) throws CelEvaluationException {
    String text = (String) args[0];
    String search = (String) args[1];
    String replacement = (String) args[2];
    long growth = replacement.length() - search.length();
    if (growth <= 0 || limit == 0) {
      return;
    }
    // Most calls cannot come near the bound even if every position matched: skip the search.
    long matches = search.isEmpty() ? text.length() + 1L : text.length() / search.length();
    if (limit > 0) {
      matches = Math.min(matches, limit);
    }
    if (text.length() + matches * growth <= maxSize) {
      return;
    }
    if (text.length() + count(text, search, limit) * growth > maxSize) {
      throw tooLong();
    }
  }

  // Non-overlapping, left to right, as the stock function replaces; an empty search string matches
  // before every code point and at the end.
  private static long count(String text, String search, long limit) {
    if (search.isEmpty()) {
      long all = text.codePointCount(0, text.length()) + 1L;
      return limit > 0 ? Math.min(all, limit) : all;
    }
    long count = 0;
    for (int at = text.indexOf(search); at >= 0 && count != limit; ) {
      count++;
      at = text.indexOf(search, at + search.length());
    }
    return count;
  }

  /** The stock algorithm, bounded in time and in the length of what it builds. */
  String bounded(Object[] args, long limit, EvaluationBudget budget) throws CelEvaluationException {
    String text = (String) args[0];
    String search = (String) args[1];
    String replacement = (String) args[2];
    if (search.equals(replacement) || limit == 0) {
      return text;
    }
    if (text.isEmpty()) {
      return search.isEmpty() ? replacement : "";
    }
    int[] codes = text.codePoints().toArray();
    int[] searched = search.codePoints().toArray();
    int step = Math.max(searched.length, 1);
    StringBuilder out = new StringBuilder();
    int start = 0;
    long left = limit;
    for (int end = Search.indexOf(codes, searched, 0, budget);
        end >= 0 && left != 0;
        end = Search.indexOf(codes, searched, end + step, budget)) {
      out.append(new String(codes, start, end - start)).append(replacement);
      start = end + searched.length;
      left--;
      if (out.length() > maxSize && out.length() > text.length()) {
        throw tooLong();
      }
    }
    out.append(new String(codes, start, codes.length - start));
    if (out.length() > maxSize && out.length() > text.length()) {
      throw tooLong();
    }
    return out.toString();
  }

  private CelInvalidArgumentException tooLong() {
    return new CelInvalidArgumentException(
        "replace would produce more than " + maxSize + " characters");
  }
}
