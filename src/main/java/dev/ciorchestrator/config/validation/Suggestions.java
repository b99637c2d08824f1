package dev.ciorchestrator.config.validation;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** "Did you mean" for misspelled field names, kinds, enum values and repository names. */
public final class Suggestions {
  private static final int MAX_DISTANCE = 2;

  private Suggestions() {}

  /**
   * The candidate closest to {@code wrong}: a case-insensitive match first, else the nearest within
   * edit distance 2 (ties go to the earlier candidate, so suggestions are stable).
   */
  public static Optional<String> closest(String wrong, Collection<String> candidates) {
    for (String c : candidates) {
      if (c.equalsIgnoreCase(wrong)) {
        return Optional.of(c);
      }
    }
    String best = null;
    int bestDistance = MAX_DISTANCE + 1;
    String lower = wrong.toLowerCase(Locale.ROOT);
    for (String c : candidates) {
      int d = distance(lower, c.toLowerCase(Locale.ROOT), bestDistance);
      if (d < bestDistance) {
        best = c;
        bestDistance = d;
      }
    }
    return Optional.ofNullable(best);
  }

  /** {@code " (did you mean 'x'?)"}, or empty when nothing is close. */
  public static String didYouMean(String wrong, Collection<String> candidates) {
    return closest(wrong, candidates).map(c -> " (did you mean '" + c + "'?)").orElse("");
  }

  /**
   * Levenshtein distance, giving up (returning {@code limit}) once it must exceed {@code limit - 1}
   * so a long string costs little.
   */
  static int distance(String a, String b, int limit) {
    if (Math.abs(a.length() - b.length()) >= limit) {
      return limit;
    }
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      int rowMin = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
        rowMin = Math.min(rowMin, current[j]);
      }
      if (rowMin >= limit) {
        return limit;
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return Math.min(previous[b.length()], limit);
  }
}
