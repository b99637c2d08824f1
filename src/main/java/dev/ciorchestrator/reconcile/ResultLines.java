package dev.ciorchestrator.reconcile;

import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.domain.RunResults;
import dev.ciorchestrator.domain.RunResults.Finding;
import dev.ciorchestrator.report.RunLinks;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a change's runs' reports said, for the summary comment: counts in the job table, then per
 * job its failed and flaky tests and first findings, a few each. Names and messages come from the
 * job's own files, so each is shown as one short code span: no markdown, mention or link of theirs
 * reaches the comment.
 */
public final class ResultLines {
  /** Names or findings shown per job and kind; the API lists the rest. */
  static final int SHOWN = 5;

  private static final int TEXT_MAX = 160;

  private ResultLines() {}

  /** {@code tests 10 passed, 1 failed · findings 1 error, 3 warning}, or "". */
  static String counts(RunResults r) {
    List<String> parts = new ArrayList<>();
    if (r.tests() != null) {
      var t = r.tests();
      parts.add(
          "tests %d passed, %d failed, %d skipped".formatted(t.passed(), t.failed(), t.skipped()));
    }
    if (r.findings() != null) {
      var f = r.findings();
      parts.add(
          "findings %d error, %d warning, %d note".formatted(f.error(), f.warning(), f.note()));
    }
    if (!r.flakyTests().isEmpty()) {
      parts.add(r.flakyTests().size() + " flaky");
    }
    return String.join(" · ", parts);
  }

  /** The details section, or no lines when no run has anything to show. */
  static List<String> details(Map<String, RunRecord> latest, RunLinks links) {
    List<String> out = new ArrayList<>();
    for (RunRecord run : latest.values()) {
      RunResults r = run.results();
      List<String> lines = new ArrayList<>();
      names(lines, "failed", r.failedTests(), r.tests() == null ? 0 : r.tests().failed());
      names(
          lines, "flaky (failed, then passed on a retest)", r.flakyTests(), r.flakyTests().size());
      findings(lines, r.firstFindings(), r.findings() == null ? 0 : r.findings().total());
      r.problems().stream().limit(SHOWN).forEach(p -> lines.add("  - report problem: " + code(p)));
      if (!lines.isEmpty()) {
        out.add(
            "- `"
                + run.key().job()
                + "` ([tests]("
                + links.api(run.id(), "tests")
                + ")"
                + " · [findings]("
                + links.api(run.id(), "findings")
                + ")):");
        out.addAll(lines);
      }
    }
    return out;
  }

  private static void names(List<String> out, String what, List<String> names, int total) {
    if (names.isEmpty()) {
      return;
    }
    StringBuilder line = new StringBuilder("  - ").append(what).append(": ");
    line.append(String.join(", ", names.stream().limit(SHOWN).map(ResultLines::code).toList()));
    if (total > SHOWN) {
      line.append(" and ").append(total - SHOWN).append(" more");
    }
    out.add(line.toString());
  }

  private static void findings(List<String> out, List<Finding> first, int total) {
    first.stream()
        .limit(SHOWN)
        .forEach(
            f ->
                out.add(
                    "  - "
                        + f.level()
                        + (f.where().isEmpty() ? "" : " " + code(f.where()))
                        + (f.rule().isEmpty() ? "" : " " + code(f.rule()))
                        + ": "
                        + code(f.message())));
    if (total > SHOWN) {
      out.add("  - and " + (total - SHOWN) + " more findings");
    }
  }

  /** One inline code span: backticks and line breaks removed, long text cut. */
  public static String code(String text) {
    String flat = text.replace('`', '\'').replaceAll("[\\r\\n]+", " ").strip();
    if (flat.length() > TEXT_MAX) {
      flat = flat.substring(0, TEXT_MAX - 1) + "…";
    }
    return "`" + (flat.isEmpty() ? " " : flat) + "`";
  }
}
