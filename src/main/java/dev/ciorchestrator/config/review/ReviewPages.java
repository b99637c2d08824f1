package dev.ciorchestrator.config.review;

import dev.ciorchestrator.config.review.ReviewText.Part;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One review's lists (errors, failed policy tests, diff, impact) page by page, for the API behind
 * the summary's "and N more" links. A cursor names the head it was made for and where the next page
 * starts ({@code <head>.<offset>}), so a page never mixes two heads: after a push the old cursor is
 * refused and the client starts again.
 */
public final class ReviewPages {
  /** The most lines one page holds. */
  public static final int MAX_LIMIT = 1000;

  /**
   * One page.
   *
   * @param change the change to the config repository
   * @param head the head SHA the review loaded
   * @param part {@code errors}, {@code tests}, {@code diff} or {@code impact}
   * @param total how many lines the part has
   * @param lines this page's lines
   * @param next the cursor of the next page; empty on the last
   */
  public record Page(
      long change, String head, String part, int total, List<String> lines, String next) {
    public Page {
      lines = List.copyOf(lines);
    }
  }

  /** A request no page answers, naming the parameter at fault. */
  public static final class Refused extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final String field;

    Refused(String field, String message) {
      super(message);
      this.field = field;
    }

    public String field() {
      return field;
    }
  }

  private ReviewPages() {}

  /** The part named {@code name} in the API path; empty when there is none. */
  static Optional<Part> part(String name) {
    for (Part p : Part.values()) {
      if (p.wire().equals(name.toLowerCase(Locale.ROOT))) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /** The part names, for an error that lists them. */
  static String parts() {
    return String.join(", ", java.util.Arrays.stream(Part.values()).map(Part::wire).toList());
  }

  /**
   * @param partName {@code errors}, {@code tests}, {@code diff} or {@code impact}
   * @param cursor empty for the first page
   * @throws Refused naming what is wrong with {@code part}, {@code cursor} or {@code limit}
   */
  public static Page page(long change, Review review, String partName, String cursor, int limit) {
    Part part =
        part(partName)
            .orElseThrow(
                () -> new Refused("part", "unknown part '" + partName + "': one of " + parts()));
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new Refused("limit", "limit must be 1 to " + MAX_LIMIT + ", got " + limit);
    }
    List<String> all = ReviewText.lines(review, part);
    int from = offset(review.head(), cursor, all.size());
    int to = Math.min(all.size(), from + limit);
    String next = to < all.size() ? review.head() + "." + to : "";
    return new Page(change, review.head(), part.wire(), all.size(), all.subList(from, to), next);
  }

  private static int offset(String head, String cursor, int total) {
    if (cursor.isEmpty()) {
      return 0;
    }
    int dot = cursor.lastIndexOf('.');
    if (dot < 0 || !cursor.substring(0, dot).equals(head)) {
      throw new Refused(
          "cursor",
          "cursor is not one of this review's: the change's head is "
              + head
              + " now; start again without a cursor");
    }
    try {
      int offset = Integer.parseInt(cursor.substring(dot + 1));
      if (offset < 0 || offset > total) {
        throw new NumberFormatException();
      }
      return offset;
    } catch (NumberFormatException e) {
      throw new Refused("cursor", "cursor '" + cursor + "' names no page of this review");
    }
  }
}
