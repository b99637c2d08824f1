package dev.ciorchestrator.reconcile;

import static dev.ciorchestrator.domain.RunState.ERROR;
import static dev.ciorchestrator.domain.RunState.FAILURE;
import static dev.ciorchestrator.domain.RunState.SUCCESS;
import static dev.ciorchestrator.reconcile.Fixture.HEAD;
import static dev.ciorchestrator.reconcile.Fixture.NOW;
import static dev.ciorchestrator.reconcile.Fixture.change;
import static dev.ciorchestrator.reconcile.Fixture.config;
import static dev.ciorchestrator.reconcile.Fixture.job;
import static dev.ciorchestrator.reconcile.Fixture.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.config.model.ConfigSnapshot;
import dev.ciorchestrator.config.model.MergeMethod;
import dev.ciorchestrator.domain.ChangeState;
import dev.ciorchestrator.domain.RunRecord;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code merge.auto} turns a passing gate into a merge; {@code retries} covers errors only. */
class MergeAndRetryTest {
  private static ChangePlan plan(ConfigSnapshot snapshot, ChangeState state, List<RunRecord> runs) {
    return Planner.plan(snapshot, List.of(state), runs, NOW).changes().get(0);
  }

  @Test
  void passingGateWithAutoMergeMergesAtTheHeadItSaw() {
    ConfigSnapshot snapshot = config().autoMerge(MergeMethod.SQUASH).jobs("go-test").build();

    ChangePlan plan = plan(snapshot, change().state(), List.of(run("go-test", HEAD, 1, SUCCESS)));

    assertThat(plan.gate().pass()).isTrue();
    assertThat(plan.actions())
        .containsExactly(
            new Action.Merge(Fixture.REPO, 12, HEAD, MergeMethod.SQUASH, "gate passed at 1111111"));
  }

  @Test
  void blockedGateDoesNotMerge() {
    ConfigSnapshot snapshot =
        config()
            .autoMerge(MergeMethod.MERGE)
            .jobs("go-test")
            .gate("one-approval", "size(change.approvals) >= 1", null)
            .build();

    ChangePlan plan = plan(snapshot, change().state(), List.of(run("go-test", HEAD, 1, SUCCESS)));

    assertThat(plan.gate().pass()).isFalse();
    assertThat(plan.actions()).noneMatch(Action.Merge.class::isInstance);
  }

  @Test
  void withoutAutoMergeAPassingGateOnlyReports() {
    ChangePlan plan =
        plan(
            config().jobs("go-test").build(),
            change().state(),
            List.of(run("go-test", HEAD, 1, SUCCESS)));

    assertThat(plan.gate().pass()).isTrue();
    assertThat(plan.actions()).isEmpty();
  }

  @Test
  void anInfrastructureErrorIsRetriedUpToRetries() {
    ConfigSnapshot snapshot = config().job(job("go-test").retries(2)).build();
    RunRecord first = run("go-test", HEAD, 1, ERROR);
    RunRecord second = run("go-test", HEAD, 2, ERROR);
    RunRecord third = run("go-test", HEAD, 3, ERROR);

    assertThat(
            Rendered.actions(plan(snapshot, change().state(), List.of(first)).actions(), List.of()))
        .containsExactly("start go-test#2 pull_request by alice");
    assertThat(
            Rendered.actions(
                plan(snapshot, change().state(), List.of(first, second)).actions(), List.of()))
        .containsExactly("start go-test#3 pull_request by alice");
    assertThat(plan(snapshot, change().state(), List.of(first, second, third)).actions()).isEmpty();
  }

  @Test
  void theRetryReasonSaysWhichRetryAndWhy() {
    ConfigSnapshot snapshot = config().job(job("go-test").retries(1)).build();
    RunRecord failed = run("go-test", HEAD, 1, ERROR).withState(ERROR, NOW, "workspace: disk full");

    Action.StartRun start =
        (Action.StartRun) plan(snapshot, change().state(), List.of(failed)).actions().get(0);

    assertThat(start.reason())
        .isEqualTo("retry 1 of 1 after an infrastructure error: workspace: disk full");
  }

  @Test
  void aTestFailureIsNeverRetried() {
    ConfigSnapshot snapshot = config().job(job("go-test").retries(3)).build();

    assertThat(
            plan(snapshot, change().state(), List.of(run("go-test", HEAD, 1, FAILURE))).actions())
        .isEmpty();
  }

  @Test
  void orphanedRunsOfClosedChangesAreAborted() {
    RunRecord closed = run("go-test", HEAD, 1, dev.ciorchestrator.domain.RunState.RUNNING);
    RunRecord done = run("go-vet", HEAD, 1, SUCCESS);

    List<Action> actions =
        Planner.orphans(Fixture.REPO, java.util.Set.of(13L), List.of(closed, done));

    assertThat(actions)
        .containsExactly(new Action.AbortRun(closed.id(), "change #12 is no longer open"));
    assertThat(Planner.orphans(Fixture.REPO, java.util.Set.of(12L), List.of(closed))).isEmpty();
  }
}
