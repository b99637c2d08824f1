package dev.ciorchestrator.reconcile;

import static dev.ciorchestrator.domain.RunState.ABORTED;
import static dev.ciorchestrator.domain.RunState.FAILURE;
import static dev.ciorchestrator.domain.RunState.PENDING;
import static dev.ciorchestrator.domain.RunState.RUNNING;
import static dev.ciorchestrator.domain.RunState.SUCCESS;
import static dev.ciorchestrator.reconcile.Fixture.HEAD;
import static dev.ciorchestrator.reconcile.Fixture.NOW;
import static dev.ciorchestrator.reconcile.Fixture.OLD;
import static dev.ciorchestrator.reconcile.Fixture.change;
import static dev.ciorchestrator.reconcile.Fixture.config;
import static dev.ciorchestrator.reconcile.Fixture.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import dev.ciorchestrator.domain.ChangeState;
import dev.ciorchestrator.domain.JobStatus;
import dev.ciorchestrator.domain.RunKey;
import dev.ciorchestrator.domain.RunRecord;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Existing runs: one run per head SHA and job, and a moved head supersedes the old runs. */
class RunsTest {
  private static final String START = "start go-test#1 pull_request by alice";

  static Stream<Arguments> rows() {
    return Stream.of(
        row("no run yet", List.of(), JobStatus.MISSING, START),
        row("pending on head", List.of(run("go-test", HEAD, 1, PENDING)), JobStatus.PENDING),
        row("passed on head", List.of(run("go-test", HEAD, 1, SUCCESS)), JobStatus.SUCCESS),
        row(
            "failed on head: no automatic retry",
            List.of(run("go-test", HEAD, 1, FAILURE)),
            JobStatus.FAILURE),
        row(
            "latest attempt counts",
            List.of(run("go-test", HEAD, 2, SUCCESS), run("go-test", HEAD, 1, FAILURE)),
            JobStatus.SUCCESS),
        row(
            "running on old head is superseded",
            List.of(run("go-test", OLD, 1, RUNNING)),
            JobStatus.MISSING,
            "abort go-test@old#1",
            START),
        row(
            "pending on old head is superseded",
            List.of(run("go-test", OLD, 2, PENDING), run("go-test", OLD, 1, FAILURE)),
            JobStatus.MISSING,
            "abort go-test@old#2",
            START),
        row(
            "finished on old head stays",
            List.of(run("go-test", OLD, 1, ABORTED)),
            JobStatus.MISSING,
            START),
        row(
            "job no longer configured is superseded too",
            List.of(run("gone", OLD, 1, RUNNING), run("go-test", HEAD, 1, RUNNING)),
            JobStatus.RUNNING,
            "abort gone@old#1"),
        row(
            "runs of another change are not ours",
            List.of(run(RunKey.forChange(Fixture.REPO, 13, HEAD, "go-test", 1), RUNNING)),
            JobStatus.MISSING,
            START),
        row(
            "runs of another repository are not ours",
            List.of(run(RunKey.forChange("demo/other", 12, OLD, "go-test", 1), RUNNING)),
            JobStatus.MISSING,
            START),
        row(
            "push runs are not ours",
            List.of(run(RunKey.forPush(Fixture.REPO, "refs/heads/main", OLD, "go-test"), RUNNING)),
            JobStatus.MISSING,
            START));
  }

  private static Arguments row(
      String name, List<RunRecord> runs, JobStatus status, String... actions) {
    return argumentSet(name, runs, status, List.of(actions));
  }

  @ParameterizedTest
  @MethodSource("rows")
  void startsOncePerHeadAndSupersedesOldHeads(
      List<RunRecord> runs, JobStatus status, List<String> actions) {
    ChangePlan plan =
        Planner.plan(config().jobs("go-test").build(), List.of(change().state()), runs, NOW)
            .changes()
            .get(0);

    assertThat(plan.job("go-test").orElseThrow().status()).isEqualTo(status);
    assertThat(Rendered.actions(plan.actions(), runs)).isEqualTo(actions);
  }

  @Test
  void untrustedChangeStillAbortsSupersededRuns() {
    ChangeState state = change().author("mallory").state();
    List<RunRecord> runs = List.of(run("go-test", OLD, 1, RUNNING));

    Plan plan = Planner.plan(config().jobs("go-test").build(), List.of(state), runs, NOW);

    assertThat(Rendered.actions(plan.actions(), runs))
        .containsExactly("abort go-test@old#1", "require-ok-to-test");
  }

  @Test
  void reasonsNameTheRunAndTheNewHead() {
    RunRecord head = run("go-test", HEAD, 1, FAILURE);
    RunRecord old = run("lint", OLD, 1, RUNNING);

    ChangePlan plan =
        Planner.plan(
                config().jobs("go-test", "lint").build(),
                List.of(change().state()),
                List.of(head, old),
                NOW)
            .changes()
            .get(0);

    assertThat(plan.job("go-test").orElseThrow().reason())
        .isEqualTo("already ran: attempt 1 (failure)");
    assertThat(plan.actions().get(0))
        .isEqualTo(new Action.AbortRun(old.id(), "superseded: head moved to 1111111"));
  }
}
