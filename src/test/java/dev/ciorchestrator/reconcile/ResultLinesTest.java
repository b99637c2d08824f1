package dev.ciorchestrator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.domain.Change;
import dev.ciorchestrator.domain.Decision;
import dev.ciorchestrator.domain.JobStatus;
import dev.ciorchestrator.domain.RunKey;
import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.domain.RunResults;
import dev.ciorchestrator.domain.RunResults.Finding;
import dev.ciorchestrator.domain.RunResults.FindingCounts;
import dev.ciorchestrator.domain.RunResults.TestCounts;
import dev.ciorchestrator.domain.RunState;
import dev.ciorchestrator.domain.Trigger;
import dev.ciorchestrator.report.Commands;
import dev.ciorchestrator.report.RunLinks;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The summary comment's test counts, failed and flaky tests and first findings. */
class ResultLinesTest {
  private static final String HEAD = "1234567890abcdef1234567890abcdef12345678";
  private static final Instant T = Instant.parse("2026-03-01T12:00:00Z");
  private static final RunLinks LINKS = new RunLinks("http://ci.example/");

  @Test
  void countsFailedAndFlakyTestsAndFirstFindingsAreInTheSummary() {
    List<String> failed = IntStream.range(0, 7).mapToObj(i -> "pkg.TestFail" + i).toList();
    RunResults results =
        new RunResults(
            new TestCounts(40, 7, 1),
            new FindingCounts(1, 2, 0),
            failed,
            List.of(
                new Finding("error", "SA4006", "x is never used", "main.go", 12),
                new Finding("warning", "ST1000", "`@mallory` [click](http://evil)\nmore", "", 0)),
            List.of("pkg.TestFlip"),
            List.of());
    RunRecord run = run(RunState.FAILURE, 2).withResults(results);
    ChangePlan plan =
        new ChangePlan(
            change(),
            Decision.pass("trust", "ok"),
            List.of(new JobDecision("go-test", true, JobStatus.FAILURE, true, "ran")),
            List.of(),
            GateDecision.of(List.of(Decision.pass("required-jobs", "ok"))));

    String summary =
        ChangeReport.of(plan, List.of(run), Commands.NONE, "c".repeat(40), "", LINKS).summary();

    assertThat(summary)
        .contains(
            "attempt 2 · exit code 1 · tests 40 passed, 7 failed, 1 skipped · findings 1 error, 2 warning,"
                + " 0 note · 1 flaky |")
        .contains("**Results:**")
        .contains("([tests](http://ci.example/api/v1/runs/" + run.id() + "/tests)")
        .contains(
            "  - failed: `pkg.TestFail0`, `pkg.TestFail1`, `pkg.TestFail2`, `pkg.TestFail3`,"
                + " `pkg.TestFail4` and 2 more")
        .contains("  - flaky (failed, then passed on a retest): `pkg.TestFlip`")
        .contains("  - error `main.go:12` `SA4006`: `x is never used`")
        // the job's text cannot close the code span, mention anyone or add a line of its own
        .contains("  - warning `ST1000`: `'@mallory' [click](http://evil) more`");
  }

  @Test
  void aRunWithoutReportsAddsNothing() {
    assertThat(ResultLines.counts(RunResults.NONE)).isEmpty();
    RunRecord run = run(RunState.SUCCESS, 1);
    assertThat(ResultLines.details(java.util.Map.of("go-test", run), LINKS)).isEmpty();
  }

  private static RunRecord run(RunState state, int attempt) {
    return new RunRecord(
        RunKey.forChange("demo/hello-go", 7, HEAD, "go-test", attempt),
        state,
        Trigger.PULL_REQUEST,
        "alice",
        "",
        "",
        "rev",
        T,
        T,
        T,
        "exit code 1");
  }

  private static Change change() {
    return new Change(
        "demo/hello-go",
        7,
        "Greet",
        "alice",
        false,
        List.of(),
        List.of(),
        "main",
        "b".repeat(40),
        "topic",
        HEAD,
        List.of("main.go"),
        true,
        T,
        T);
  }
}
