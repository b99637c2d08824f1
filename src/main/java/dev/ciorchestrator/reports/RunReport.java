package dev.ciorchestrator.reports;

import dev.ciorchestrator.domain.RunResults;
import dev.ciorchestrator.domain.RunResults.Finding;
import dev.ciorchestrator.domain.RunResults.FindingCounts;
import dev.ciorchestrator.domain.RunResults.TestCounts;
import dev.ciorchestrator.reports.TestCase.Result;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Everything read from one run's reports, as the API serves it. The counts are exact; the lists
 * hold at most {@link ReportLimits#cases()} entries each.
 *
 * @param junit whether any JUnit report was read (else there are no test counts at all)
 * @param sarif whether any SARIF report was read
 */
public record RunReport(
    boolean junit,
    TestCounts tests,
    List<TestCase> cases,
    boolean sarif,
    FindingCounts findingCounts,
    List<Finding> findings,
    List<String> problems) {
  public static final RunReport EMPTY =
      new RunReport(
          false,
          new TestCounts(0, 0, 0),
          List.of(),
          false,
          new FindingCounts(0, 0, 0),
          List.of(),
          List.of());

  public RunReport {
    cases = List.copyOf(cases);
    findings = List.copyOf(findings);
    problems = List.copyOf(problems);
  }

  private static final List<String> LEVEL_ORDER = List.of("error", "warning", "note");

  /** The record's part: counts, the first failed tests and findings (errors first). */
  public RunResults results(List<String> flaky) {
    List<String> failed =
        cases.stream()
            .filter(c -> c.result() == Result.FAILED)
            .map(TestCase::id)
            .limit(RunResults.HIGHLIGHTS)
            .toList();
    List<Finding> first =
        findings.stream()
            .sorted(Comparator.comparingInt(f -> LEVEL_ORDER.indexOf(f.level())))
            .limit(RunResults.HIGHLIGHTS)
            .toList();
    return new RunResults(
        junit ? tests : null,
        sarif ? findingCounts : null,
        failed,
        first,
        flaky,
        problems.stream().limit(RunResults.HIGHLIGHTS).toList());
  }

  /** Ids of the cases with {@code result}. */
  public List<String> ids(Result result) {
    return cases.stream().filter(c -> c.result() == result).map(TestCase::id).toList();
  }

  static TestCounts count(List<TestCase> all) {
    return new TestCounts(
        (int) all.stream().filter(c -> c.result() == Result.PASSED).count(),
        (int) all.stream().filter(c -> c.result() == Result.FAILED).count(),
        (int) all.stream().filter(c -> c.result() == Result.SKIPPED).count());
  }

  static FindingCounts countFindings(List<Finding> all) {
    return new FindingCounts(
        (int) all.stream().filter(f -> Objects.equals(f.level(), "error")).count(),
        (int) all.stream().filter(f -> Objects.equals(f.level(), "warning")).count(),
        (int) all.stream().filter(f -> Objects.equals(f.level(), "note")).count());
  }
}
