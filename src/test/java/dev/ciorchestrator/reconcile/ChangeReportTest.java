package dev.ciorchestrator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.domain.Answer;
import dev.ciorchestrator.domain.Change;
import dev.ciorchestrator.domain.CommitStatus;
import dev.ciorchestrator.domain.Decision;
import dev.ciorchestrator.domain.JobStatus;
import dev.ciorchestrator.domain.RunKey;
import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.domain.RunState;
import dev.ciorchestrator.domain.Trigger;
import dev.ciorchestrator.report.Commands;
import dev.ciorchestrator.report.RunLinks;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Statuses and the summary comment rendered from a plan: stable, explained, linked to logs. */
class ChangeReportTest {
  private static final String HEAD = "1234567890abcdef1234567890abcdef12345678";
  private static final Instant T = Instant.parse("2026-03-01T12:00:00Z");
  private static final RunLinks LINKS = new RunLinks("http://ci.example/");
  private static final Change CHANGE =
      new Change(
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

  private static ChangePlan plan(boolean trusted, GateDecision gate, JobDecision... jobs) {
    Decision trust =
        trusted
            ? Decision.pass("trust", "author alice is trusted")
            : Decision.fail("trust", "author mallory is not trusted");
    return new ChangePlan(CHANGE, trust, List.of(jobs), List.of(), gate);
  }

  private static RunRecord run(String job, int attempt, RunState state, String message) {
    return new RunRecord(
        RunKey.forChange("demo/hello-go", 7, HEAD, job, attempt),
        state,
        Trigger.PULL_REQUEST,
        "alice",
        "",
        "",
        "rev",
        T,
        T,
        state.terminal() ? T : null,
        message);
  }

  @Test
  void everyDueOrRunJobGetsAStatusLinkedToItsRunPageAndTheGateComesLast() {
    GateDecision gate =
        GateDecision.of(
            List.of(
                Decision.fail("required-jobs", "go-test is failure"),
                Decision.fail("require-approval", "needs 1 approval")));
    ChangePlan plan =
        plan(
            true,
            gate,
            new JobDecision("go-test", true, JobStatus.FAILURE, true, "already ran"),
            new JobDecision("go-vet", true, JobStatus.MISSING, true, "starting attempt 1"),
            new JobDecision("go-build", false, JobStatus.SKIPPED, true, "paths did not match"));
    RunRecord failed = run("go-test", 1, RunState.FAILURE, "exit code 1");

    ChangeReport report =
        ChangeReport.of(plan, List.of(failed), Commands.NONE, "c".repeat(40), "", LINKS);

    assertThat(report.statuses().keySet()).containsExactly("ci/go-test", "ci/go-vet", "ci/gate");
    assertThat(report.statuses().get("ci/go-test"))
        .isEqualTo(
            new CommitStatus(
                "ci/go-test",
                CommitStatus.State.FAILURE,
                "failed: exit code 1",
                "http://ci.example/runs/" + failed.id()));
    assertThat(report.statuses().get("ci/gate"))
        .isEqualTo(
            new CommitStatus(
                "ci/gate",
                CommitStatus.State.PENDING,
                "blocked: required-jobs: go-test is failure; require-approval: needs 1 approval",
                ""));
    assertThat(report.summary())
        .contains("#7 at `1234567`", "config `ccccccc`")
        .contains(
            "| `go-test` | ❌ failure (required) | [run](http://ci.example/runs/"
                + failed.id()
                + ") · [log](http://ci.example/api/v1/runs/"
                + failed.id()
                + "/log) · attempt 1 · exit code 1 |")
        .contains("| `go-build` | ➖ skipped | paths did not match |")
        .contains("- `require-approval`: needs 1 approval");
  }

  @Test
  void theSameStateRendersTheSameReport() {
    ChangePlan plan =
        plan(
            true,
            GateDecision.of(List.of(Decision.pass("required-jobs", "ok"))),
            new JobDecision("go-test", true, JobStatus.RUNNING, true, ""));
    List<RunRecord> runs = List.of(run("go-test", 1, RunState.RUNNING, ""));

    assertThat(ChangeReport.of(plan, runs, Commands.NONE, "rev", "", LINKS))
        .isEqualTo(ChangeReport.of(plan, runs, Commands.NONE, "rev", "", LINKS));
  }

  @Test
  void anUntrustedChangeShowsNoJobStatusesAndSaysWhatToDo() {
    Decision notTrusted = Decision.fail("trust", "author mallory is not trusted");
    ChangePlan plan =
        plan(
            false,
            GateDecision.of(List.of(notTrusted)),
            new JobDecision("go-test", true, JobStatus.MISSING, true, "waiting for /ok-to-test"));

    ChangeReport report = ChangeReport.of(plan, List.of(), Commands.NONE, "rev", "", LINKS);

    assertThat(report.statuses().keySet()).containsExactly("ci/gate");
    assertThat(report.summary())
        .contains("**Waiting for `/ok-to-test`:** author mallory is not trusted");
  }

  @Test
  void answersNotesAndTheMergeOutcomeAreInTheSummary() {
    ChangePlan plan = plan(true, GateDecision.of(List.of(Decision.pass("required-jobs", "ok"))));
    Answer typo =
        new Answer(
            "c1/0",
            "/tset all",
            "bob",
            T,
            Answer.Outcome.REFUSED,
            "not a ci-orchestrator command (did you mean 'test'?)");
    Commands commands =
        new Commands(
            List.of(typo),
            List.of("/approve by carol is not counted: given before the latest push"),
            "");

    String summary =
        ChangeReport.of(plan, List.of(), commands, "rev", "merged as abcdef1", LINKS).summary();

    assertThat(summary)
        .contains(
            "**Gate: passed** · merged as abcdef1",
            "**Commands on this head:**\n- ❌ `/tset all` by bob: not a ci-orchestrator command"
                + " (did you mean 'test'?)\n",
            "**Not counted:**\n- /approve by carol is not counted: given before the latest push");
  }

  @Test
  void aLongGateIsCutAtAWordBoundaryOnTheStatusButWholeInTheSummary() {
    List<Decision> decisions = new java.util.ArrayList<>();
    for (int i = 1; i <= 6; i++) {
      decisions.add(Decision.fail("policy-" + i, "needs reviewer number " + i + " to look"));
    }
    ChangePlan plan = plan(true, GateDecision.of(decisions));

    ChangeReport report = ChangeReport.of(plan, List.of(), Commands.NONE, "rev", "", LINKS);

    String description = report.statuses().get("ci/gate").description();
    assertThat(description).hasSizeLessThanOrEqualTo(CommitStatus.MAX_DESCRIPTION).endsWith("…");
    String kept = description.substring(0, description.length() - 1);
    String whole = "blocked: " + plan.gate().summary();
    assertThat(whole).startsWith(kept);
    assertThat(whole.charAt(kept.length())).as("cut between words").isIn(' ', ';');
    assertThat(report.summary()).contains("- `policy-6`: needs reviewer number 6 to look");
  }

  @Test
  void retriesShowTheirAttemptAndPipesCannotBreakTheTable() {
    JobDecision job = new JobDecision("go-test", true, JobStatus.SUCCESS, false, "");
    RunRecord retried = run("go-test", 2, RunState.SUCCESS, "a|b");

    Optional<CommitStatus> status = ChangeReport.jobStatus(job, Optional.of(retried), true, LINKS);
    String summary =
        ChangeReport.of(
                plan(true, GateDecision.of(List.of()), job),
                List.of(retried),
                Commands.NONE,
                "r",
                "",
                LINKS)
            .summary();

    assertThat(status.orElseThrow().description()).isEqualTo("passed (attempt 2)");
    assertThat(summary).contains("attempt 2 · a\\|b");
  }

  @Test
  void thePipelineGraphShowsWhatEachJobWaitsForAndWhatWasSkipped() {
    GateDecision gate = GateDecision.of(List.of(Decision.fail("required-jobs", "x")));
    ChangePlan plan =
        plan(
            true,
            gate,
            new JobDecision("c-test", true, JobStatus.FAILURE, true, "already ran"),
            new JobDecision(
                "c-build",
                true,
                JobStatus.SKIPPED,
                true,
                "skipped: needs c-test, which ended in failure (attempt 2)",
                List.of("c-test"),
                true),
            new JobDecision(
                "c-lint",
                true,
                JobStatus.MISSING,
                false,
                "waiting for c-test (attempt 2, running)",
                List.of("c-test"),
                true));
    // c-build's older run (before c-test re-ran) is not what the table shows
    List<RunRecord> runs =
        List.of(
            run("c-test", 2, RunState.FAILURE, "exit 1"), run("c-build", 1, RunState.SUCCESS, ""));

    ChangeReport report = ChangeReport.of(plan, runs, Commands.NONE, "rev", "", LINKS);

    assertThat(report.summary())
        .contains(
            "| `c-build` | ➖ skipped (required) | needs `c-test` · skipped: needs c-test, which"
                + " ended in failure (attempt 2) |")
        .contains(
            "| `c-lint` | ⏳ waiting | needs `c-test` · waiting for c-test (attempt 2, running) |");
    assertThat(report.statuses().get("ci/c-build"))
        .isEqualTo(
            new CommitStatus(
                "ci/c-build",
                CommitStatus.State.FAILURE,
                "skipped: needs c-test, which ended in failure (attempt 2)",
                ""));
    assertThat(report.statuses().get("ci/c-lint").state()).isEqualTo(CommitStatus.State.PENDING);
  }
}
