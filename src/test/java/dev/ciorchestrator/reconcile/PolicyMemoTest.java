package dev.ciorchestrator.reconcile;

import static dev.ciorchestrator.domain.RunState.RUNNING;
import static dev.ciorchestrator.domain.RunState.SUCCESS;
import static dev.ciorchestrator.reconcile.Fixture.HEAD;
import static dev.ciorchestrator.reconcile.Fixture.NOW;
import static dev.ciorchestrator.reconcile.Fixture.change;
import static dev.ciorchestrator.reconcile.Fixture.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.config.model.ConfigSnapshot;
import dev.ciorchestrator.domain.ChangeState;
import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.reconcile.Fixture.ChangeBuilder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Verdicts kept across plans by exactly the inputs their policy reads: the plan never differs from
 * one made without the memo, and only what moved is evaluated again.
 */
class PolicyMemoTest {
  private static final String JOBS_GREEN = "jobs.all(j, jobs[j].status == 'success')";

  private final List<String> evaluated = new ArrayList<>();
  private final PolicyObserver observer = (policy, verdict, nanos) -> evaluated.add(policy);

  static List<Arguments> gateRows() {
    return GateTest.rows().toList();
  }

  @ParameterizedTest
  @MethodSource("gateRows")
  void aPlanWithTheMemoIsThePlanWithout(
      ConfigSnapshot snapshot,
      ChangeBuilder change,
      List<RunRecord> runs,
      String decisions,
      String summary) {
    PolicyMemo memo = new PolicyMemo(100);
    List<ChangeState> changes = List.of(change.state());
    Plan fresh = Planner.plan(snapshot, changes, runs, NOW);

    Plan filling = plan(snapshot, changes, runs, memo);
    Plan recalled = plan(snapshot, changes, runs, memo);

    assertThat(filling).isEqualTo(fresh);
    assertThat(recalled).isEqualTo(fresh);
  }

  @Test
  void aRunThatMovedEvaluatesOnlyThePoliciesThatReadJobs() {
    ConfigSnapshot snapshot = config().build();
    PolicyMemo memo = new PolicyMemo(100);
    List<ChangeState> changes = List.of(change().approvals("bob").state());
    plan(snapshot, changes, List.of(run("go-test", HEAD, 1, RUNNING)), memo);
    evaluated.clear();

    Plan next = plan(snapshot, changes, List.of(run("go-test", HEAD, 1, SUCCESS)), memo);

    assertThat(evaluated).containsExactly("jobs-green");
    assertThat(next.changes().get(0).gate().pass()).isTrue();
  }

  @Test
  void aChangeThatMovedIsEvaluatedAgainAndDecidedAnew() {
    ConfigSnapshot snapshot = config().build();
    PolicyMemo memo = new PolicyMemo(100);
    List<RunRecord> passed = List.of(run("go-test", HEAD, 1, SUCCESS));
    plan(snapshot, List.of(change().approvals("bob").state()), passed, memo);
    evaluated.clear();

    Plan next =
        plan(snapshot, List.of(change().labels("hold").approvals("bob").state()), passed, memo);

    assertThat(evaluated).containsExactly("approved", "no-hold", "jobs-green");
    assertThat(next.changes().get(0).gate().summary()).startsWith("no-hold: ");
  }

  @Test
  void keepsOnlyVerdictsOfPoliciesReadingNoJobsAndNoTime() {
    ConfigSnapshot snapshot =
        config().gate("fresh", "now - change.updatedAt < duration('1h')", null).build();
    PolicyMemo memo = new PolicyMemo(100);

    plan(snapshot, List.of(change().state()), List.of(), memo);

    assertThat(memo.size()).isEqualTo(2); // approved and no-hold; not jobs-green nor fresh
  }

  @Test
  void neverKeepsAnError() {
    ConfigSnapshot snapshot =
        Fixture.config().jobs("go-test").gate("broken", "change.labels[3] == 'x'", null).build();
    PolicyMemo memo = new PolicyMemo(100);
    List<ChangeState> changes = List.of(change().state());

    plan(snapshot, changes, List.of(), memo);
    plan(snapshot, changes, List.of(), memo);

    assertThat(memo.size()).isZero();
    assertThat(evaluated).containsExactly("broken", "broken");
  }

  @Test
  void keepsAtMostItsCapacity() {
    ConfigSnapshot snapshot = config().build();
    PolicyMemo memo = new PolicyMemo(3);
    List<ChangeState> changes = new ArrayList<>();
    for (int n = 1; n <= 5; n++) {
      changes.add(change().number(n).state());
    }

    plan(snapshot, changes, List.of(), memo);

    assertThat(memo.size()).isEqualTo(3);
  }

  private static Fixture.Config config() {
    return Fixture.config()
        .jobs("go-test")
        .gate("approved", "size(change.approvals) >= 1", null)
        .gate("no-hold", "!('hold' in change.labels)", "'on hold'")
        .gate("jobs-green", JOBS_GREEN, null);
  }

  private Plan plan(
      ConfigSnapshot snapshot, List<ChangeState> changes, List<RunRecord> runs, PolicyMemo memo) {
    return Planner.plan(
        snapshot, changes, runs, NOW, observer, PlanRules.DEFAULT, ExtraGates.NONE, memo);
  }
}
