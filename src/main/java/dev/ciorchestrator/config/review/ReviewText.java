package dev.ciorchestrator.config.review;

import dev.ciorchestrator.config.diff.DiffText;
import dev.ciorchestrator.config.testing.PolicyTestResult;
import dev.ciorchestrator.domain.CommitStatus;
import dev.ciorchestrator.domain.Names;
import dev.ciorchestrator.reconcile.impact.Impact;
import dev.ciorchestrator.reconcile.impact.Impact.DueShift;
import dev.ciorchestrator.reconcile.impact.Impact.GateFlip;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A review as the {@code ci/config} status and a summary section. Each list (errors, diff lines,
 * gate flips, due shifts) shows at most {@code shown} items and says how many more there are, so a
 * change that touches a thousand jobs still gets a comment a forge accepts, and links to the API
 * that pages through all of it ({@link ReviewPages}); {@code ci-orchestrator diff} prints all of
 * the diff.
 */
final class ReviewText {
  private static final String FENCE = "~~~~";

  /** The lists of a review, each paged by the API ({@link ReviewPages}). */
  enum Part {
    ERRORS,
    TESTS,
    DIFF,
    IMPACT;

    /** Its name in the API path. */
    String wire() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private ReviewText() {}

  static CommitStatus status(Review r) {
    if (r.unreadable().isPresent()) {
      return status(CommitStatus.State.ERROR, "cannot read the head: " + r.unreadable().get());
    }
    if (!r.errors().isEmpty()) {
      return status(CommitStatus.State.FAILURE, errorCount(r) + "; " + r.errors().get(0));
    }
    if (!r.failedTests().isEmpty()) {
      PolicyTestResult t = r.failedTests().get(0);
      return status(
          CommitStatus.State.FAILURE, testCount(r) + "; " + t.policy() + " / " + t.testCase());
    }
    String text = "valid; " + r.diff().summary();
    if (!r.relaxed().isEmpty()) {
      text += "; relaxes a gate or trust policy";
    }
    return status(CommitStatus.State.SUCCESS, text + "; " + impactStatus(r.impact()));
  }

  private static String impactStatus(Impact impact) {
    if (impact.pending()) {
      return "impact being computed";
    }
    return impact.hasFailed() ? "impact could not be computed" : flips(impact);
  }

  static String errorCount(Review r) {
    int n = r.errors().size();
    return "the config at head does not load: " + n + (n == 1 ? " error" : " errors");
  }

  static String testCount(Review r) {
    int n = r.failedTests().size();
    return n + " of " + r.tests() + " policy tests fail at head";
  }

  /** The summary section: what is wrong, or the diff, what it relaxes, and its impact. */
  static String section(Review r, int shown) {
    return section(r, shown, part -> "");
  }

  /**
   * As {@link #section(Review, int)}; a list cut at {@code shown} ends with {@code link} of its
   * part, where the API pages through all of it.
   */
  static String section(Review r, int shown, Function<Part, String> link) {
    StringBuilder out = new StringBuilder("**Config change** (`ci/config`)\n\n");
    if (r.unreadable().isPresent()) {
      return out.append("The head cannot be read: ").append(r.unreadable().get()).toString();
    }
    if (!r.errors().isEmpty()) {
      out.append(capital(errorCount(r))).append(":\n\n");
      return block(out, lines(r, Part.ERRORS), shown, link.apply(Part.ERRORS)).toString();
    }
    if (!r.failedTests().isEmpty()) {
      out.append(capital(testCount(r))).append(":\n\n");
      block(out, lines(r, Part.TESTS), shown, link.apply(Part.TESTS)).append('\n');
    } else {
      out.append("Loads at head; ").append(r.tests()).append(" policy tests pass.\n\n");
    }
    if (!r.relaxed().isEmpty()) {
      out.append("Relaxes a gate or trust policy (label `")
          .append(ConfigReviewer.RELAXED_LABEL)
          .append("`):\n");
      r.relaxed().forEach(x -> out.append("- ").append(x).append('\n'));
      out.append('\n');
    }
    out.append("Effective diff against the running config: ")
        .append(r.diff().summary())
        .append("\n\n");
    if (!r.diff().isEmpty()) {
      block(out, lines(r, Part.DIFF), shown, link.apply(Part.DIFF)).append('\n');
    }
    return impact(out, r, shown, link.apply(Part.IMPACT)).toString();
  }

  /** Every line of one part of a review, as the summary shows its first ones. */
  static List<String> lines(Review r, Part part) {
    return switch (part) {
      case ERRORS -> r.errors();
      case TESTS ->
          r.failedTests().stream()
              .map(t -> t.source() + ": " + t.policy() + " / " + t.testCase() + ": " + t.mismatch())
              .toList();
      case DIFF -> DiffText.lines(r.diff());
      case IMPACT -> impactLines(r.impact());
    };
  }

  private static StringBuilder impact(StringBuilder out, Review r, int shown, String link) {
    Impact impact = r.impact();
    if (impact.pending()) {
      return out.append(
          "Impact on the open changes: being computed (a dry run of the planner over every open"
              + " change); this summary is updated when it is ready.\n");
    }
    if (impact.hasFailed()) {
      return out.append("Impact on the open changes: could not be computed (")
          .append(impact.failure())
          .append("); a new head or a new running config computes it again.\n");
    }
    out.append("Impact on the open changes (")
        .append(impact.changes())
        .append(" open, ")
        .append(impact.planned())
        .append(" in repositories it touches): ")
        .append(flips(impact))
        .append(", ")
        .append(impact.dues().size())
        .append(impact.dues().size() == 1 ? " change's" : " changes'")
        .append(" due jobs differ.\n");
    List<String> lines = lines(r, Part.IMPACT);
    return lines.isEmpty() ? out : block(out.append('\n'), lines, shown, link);
  }

  private static List<String> impactLines(Impact impact) {
    List<String> lines = new ArrayList<>();
    for (GateFlip f : impact.flips()) {
      lines.add(
          f.repo()
              + "#"
              + f.change()
              + ": gate would "
              + (f.opens() ? "pass" : "block")
              + " (now: "
              + f.before()
              + "; then: "
              + f.after()
              + ")");
    }
    for (DueShift d : impact.dues()) {
      lines.add(
          d.repo()
              + "#"
              + d.change()
              + ":"
              + (d.starts().isEmpty() ? "" : " starts " + String.join(", ", d.starts()))
              + (d.stops().isEmpty() ? "" : " stops " + String.join(", ", d.stops())));
    }
    return lines;
  }

  private static String flips(Impact impact) {
    int n = impact.flips().size();
    return n == 0 ? "no gate flips" : n + (n == 1 ? " gate flips" : " gates flip");
  }

  /**
   * Up to {@code shown} lines in a fence no line can close, then how many were left out and where
   * all of them are.
   */
  private static StringBuilder block(
      StringBuilder out, List<String> lines, int shown, String link) {
    out.append(FENCE).append('\n');
    lines.stream()
        .limit(shown)
        .forEach(l -> out.append(DiffText.value(l).replace(FENCE, "~ ~ ~ ~")).append('\n'));
    out.append(FENCE).append('\n');
    if (lines.size() > shown) {
      out.append("… and ").append(lines.size() - shown).append(" more");
      out.append(link.isEmpty() ? ".\n" : ": [all " + lines.size() + "](" + link + ")\n");
    }
    return out;
  }

  private static CommitStatus status(CommitStatus.State state, String text) {
    return new CommitStatus(Names.CONFIG_CONTEXT, state, text, "");
  }

  private static String capital(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
