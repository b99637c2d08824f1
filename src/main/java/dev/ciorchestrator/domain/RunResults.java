package dev.ciorchestrator.domain;

import java.util.List;
import java.util.Objects;

/**
 * What a run's reports said, kept in its record so that the planner, the summary and CEL read it
 * with the run: counts, plus the first failed tests and findings (bounded, so that a record stays
 * small however large its reports were). The full lists are served by the API from the report
 * store.
 *
 * @param tests null when the job declares no JUnit report or none was read
 * @param findings null when the job declares no SARIF report or none was read
 * @param failedTests the first failed tests, {@code suite.name} or {@code name}
 * @param firstFindings the first findings, error level first
 * @param flakyTests tests that failed on an earlier attempt of the same head and passed on this one
 * @param problems report files that could not be read, and why (size caps, syntax)
 */
public record RunResults(
    TestCounts tests,
    FindingCounts findings,
    List<String> failedTests,
    List<Finding> firstFindings,
    List<String> flakyTests,
    List<String> problems) {
  /** How many names and findings a record keeps. */
  public static final int HIGHLIGHTS = 20;

  public static final RunResults NONE =
      new RunResults(null, null, List.of(), List.of(), List.of(), List.of());

  public RunResults {
    failedTests = List.copyOf(Objects.requireNonNullElse(failedTests, List.of()));
    firstFindings = List.copyOf(Objects.requireNonNullElse(firstFindings, List.of()));
    flakyTests = List.copyOf(Objects.requireNonNullElse(flakyTests, List.of()));
    problems = List.copyOf(Objects.requireNonNullElse(problems, List.of()));
  }

  /** Nothing was read: no report declared, none found, or the run did not end here. */
  public boolean nothing() {
    return tests == null && findings == null && problems.isEmpty();
  }

  public record TestCounts(int passed, int failed, int skipped) {
    public int total() {
      return passed + failed + skipped;
    }
  }

  public record FindingCounts(int error, int warning, int note) {
    public int total() {
      return error + warning + note;
    }
  }

  /**
   * One finding of a SARIF report.
   *
   * @param level {@code error}, {@code warning} or {@code note}
   * @param line 0 when the report names no line
   */
  public record Finding(String level, String rule, String message, String file, int line) {
    public Finding {
      rule = Objects.requireNonNullElse(rule, "");
      message = Objects.requireNonNullElse(message, "");
      file = Objects.requireNonNullElse(file, "");
    }

    /** {@code file:line}, {@code file}, or "" when the finding names no place. */
    public String where() {
      return file.isEmpty() ? "" : line > 0 ? file + ":" + line : file;
    }
  }
}
