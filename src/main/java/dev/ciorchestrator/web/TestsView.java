package dev.ciorchestrator.web;

import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.domain.RunResults;
import dev.ciorchestrator.domain.RunResults.Finding;
import dev.ciorchestrator.reports.RunReport;
import dev.ciorchestrator.reports.TestCase;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A run's test results as {@code GET /api/v1/runs/{id}/tests} shows them.
 *
 * @param counts null when the run has no JUnit report (none declared, none read, or not ended)
 * @param flaky tests that failed on an earlier attempt of the same head and passed on this one
 * @param cases every case kept (see {@code ci.reports}), each marked {@code flaky} when it is
 * @param problems report files that could not be read, and why
 */
public record TestsView(
    String run,
    RunResults.TestCounts counts,
    List<String> flaky,
    List<Case> cases,
    List<String> problems) {
  public record Case(String suite, String name, String result, String message, boolean flaky) {}

  static TestsView of(RunRecord run, RunReport report, String result) {
    Set<String> flaky = Set.copyOf(run.results().flakyTests());
    List<Case> cases =
        report.cases().stream()
            .filter(
                c -> result.isEmpty() || c.result().name().toLowerCase(Locale.ROOT).equals(result))
            .map(c -> view(c, flaky.contains(c.id())))
            .toList();
    return new TestsView(
        run.id(), run.results().tests(), run.results().flakyTests(), cases, report.problems());
  }

  private static Case view(TestCase c, boolean flaky) {
    return new Case(
        c.suite(), c.name(), c.result().name().toLowerCase(Locale.ROOT), c.message(), flaky);
  }

  /** {@code GET /api/v1/runs/{id}/findings}; {@code counts} null when no SARIF report was read. */
  public record FindingsView(
      String run, RunResults.FindingCounts counts, List<Finding> findings, List<String> problems) {
    static FindingsView of(RunRecord run, RunReport report, String level) {
      List<Finding> findings =
          report.findings().stream()
              .filter(f -> level.isEmpty() || f.level().equals(level))
              .toList();
      return new FindingsView(run.id(), run.results().findings(), findings, report.problems());
    }
  }
}
