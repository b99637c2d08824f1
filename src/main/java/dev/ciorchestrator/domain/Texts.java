package dev.ciorchestrator.domain;

/** Text that must fit a forge's limits without being cut where people trip over it. */
public final class Texts {
  private static final String ELLIPSIS = "…";
  private static final String DANGLING = ",;:·-–—";

  private Texts() {}

  /**
   * {@code text} when it fits in {@code max} characters; else its longest run of whole words that
   * fits with an ellipsis, dropping a separator left dangling ({@code "a is running; b is…"}, not
   * {@code "a is running; b i…"}). Only a first word longer than the limit is cut inside, and never
   * between the two halves of a surrogate pair.
   */
  public static String cut(String text, int max) {
    if (max < 2) {
      throw new IllegalArgumentException("max must leave room for a character and the ellipsis");
    }
    if (text.length() <= max) {
      return text;
    }
    int room = max - ELLIPSIS.length();
    int end = room;
    while (end > 0 && !Character.isWhitespace(text.charAt(end))) {
      end--;
    }
    if (end == 0) {
      end = Character.isLowSurrogate(text.charAt(room)) ? room - 1 : room;
    }
    String kept = text.substring(0, end).stripTrailing();
    while (!kept.isEmpty() && DANGLING.indexOf(kept.charAt(kept.length() - 1)) >= 0) {
      kept = kept.substring(0, kept.length() - 1).stripTrailing();
    }
    return kept + ELLIPSIS;
  }
}
