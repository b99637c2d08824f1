package dev.ciorchestrator.reconcile;

import static dev.ciorchestrator.domain.RunState.FAILURE;
import static dev.ciorchestrator.domain.RunState.RUNNING;
import static dev.ciorchestrator.domain.RunState.SUCCESS;
import static dev.ciorchestrator.reconcile.Fixture.HEAD;
import static dev.ciorchestrator.reconcile.Fixture.NOW;
import static dev.ciorchestrator.reconcile.Fixture.REPO;
import static dev.ciorchestrator.reconcile.Fixture.change;
import static dev.ciorchestrator.reconcile.Fixture.config;
import static dev.ciorchestrator.reconcile.Fixture.job;
import static dev.ciorchestrator.reconcile.Fixture.retest;
import static dev.ciorchestrator.reconcile.Fixture.run;
import static dev.ciorchestrator.reconcile.Fixture.test;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.config.model.ConfigSnapshot;
import dev.ciorchestrator.domain.Answer;
import dev.ciorchestrator.domain.ChangeState;
import dev.ciorchestrator.domain.Decision;
import dev.ciorchestrator.domain.RunKey;
import dev.ciorchestrator.domain.RunRecord;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The plan as a whole: unknown repositories, order, determinism and what reasons say. */
class PlannerTest {
  private static final ConfigSnapshot CONFIG =
      config().repository("demo/a", "alice").jobs("go-test", "lint").build();

  @Test
  void changeOfAnUnconfiguredRepositoryStartsNothingAndSaysWhy() {
    ChangeState state = change().repo("demo/unknown").state(test("c1", "go-test", "alice"));

    ChangePlan plan = Planner.plan(CONFIG, List.of(state), List.of(), NOW).changes().get(0);

    Decision no = Decision.fail("repository", "repository not configured");
    assertThat(plan.trust()).isEqualTo(no);
    assertThat(plan.jobs()).isEmpty();
    assertThat(plan.gate()).isEqualTo(new GateDecision(false, List.of(no)));
    assertThat(plan.actions())
        .containsExactly(
            Fixture.ack(
                "demo/unknown",
                test("c1", "go-test", "alice"),
                Answer.Outcome.REFUSED,
                "repository not configured"));
  }

  @Test
  void ordersChangesByRepositoryThenNumberAndJobsByConfig() {
    List<ChangeState> changes =
        new ArrayList<>(
            List.of(
                change().number(10).state(),
                change().repo("demo/a").number(2).state(),
                change().number(9).state(),
                change().repo("demo/a").number(11).state()));
    Collections.shuffle(changes, new Random(7));

    Plan plan = Planner.plan(CONFIG, changes, List.of(), NOW);

    assertThat(plan.changes())
        .extracting(c -> c.change().repo() + "#" + c.change().number())
        .containsExactly("demo/a#2", "demo/a#11", REPO + "#9", REPO + "#10");
    assertThat(plan.changes().get(0).jobs())
        .extracting(JobDecision::job)
        .containsExactly("go-test", "lint");
    assertThat(Rendered.actions(plan.changes().get(0).actions(), List.of()))
        .containsExactly(
            "start go-test#1 pull_request by alice", "start lint#1 pull_request by alice");
  }

  @Test
  void sameInputsInAnyOrderGiveTheSamePlan() {
    List<ChangeState> changes =
        List.of(
            change().number(3).state(retest("c1", "bob")),
            change().number(1).state(test("c2", "all", "bob")),
            change().number(2).author("mallory").state());
    List<RunRecord> runs =
        List.of(
            run(RunKey.forChange(REPO, 3, HEAD, "go-test", 1), FAILURE),
            run(RunKey.forChange(REPO, 1, HEAD, "lint", 1), RUNNING),
            run(RunKey.forChange(REPO, 1, HEAD, "go-test", 1), SUCCESS));
    Plan first = Planner.plan(CONFIG, changes, runs, NOW);

    List<ChangeState> shuffled = new ArrayList<>(changes);
    List<RunRecord> shuffledRuns = new ArrayList<>(runs);
    Collections.reverse(shuffled);
    Collections.reverse(shuffledRuns);

    assertThat(Planner.plan(CONFIG, shuffled, shuffledRuns, NOW)).isEqualTo(first);
  }

  @Test
  void requestAcknowledgementsSayWhatHappened() {
    RunRecord running = run("lint", HEAD, 1, RUNNING);
    ChangeState state =
        change()
            .state(
                test("c1", "go-test", "bob"),
                test("c2", "lint", "bob"),
                test("c3", "nope", "bob"),
                retest("c4", "bob"));

    List<Action> actions =
        Planner.plan(
                CONFIG, List.of(state), List.of(run("go-test", HEAD, 1, FAILURE), running), NOW)
            .actions();

    assertThat(actions)
        .filteredOn(Action.AcknowledgeRequest.class::isInstance)
        .extracting(Action::reason)
        .containsExactly(
            "started go-test (attempt 2)",
            "lint is already running (attempt 1, running)",
            "no job 'nope' for demo/hello-go",
            "go-test is already running (attempt 2, starting)");
    assertThat(actions.get(0))
        .isEqualTo(
            new Action.StartRun(
                RunKey.forChange(REPO, 12, HEAD, "go-test", 2),
                dev.ciorchestrator.domain.Trigger.COMMAND,
                "bob",
                "c1",
                "/test go-test by bob"));
  }

  @Test
  void retestWithNothingFailedSaysSo() {
    ChangeState state = change().state(retest("c1", "bob"));

    List<Action> actions =
        Planner.plan(CONFIG, List.of(state), List.of(run("go-test", HEAD, 1, SUCCESS)), NOW)
            .actions();

    assertThat(actions)
        .filteredOn(Action.AcknowledgeRequest.class::isInstance)
        .extracting(Action::reason)
        .containsExactly("nothing to retest: no failed job on 1111111");
  }

  @Test
  void testAllWithNoJobForTheBranchSaysSo() {
    ConfigSnapshot snapshot = config().job(job("go-test").branches("main")).build();
    ChangeState state = change().base("dev").state(test("c1", "all", "bob"));

    Plan plan = Planner.plan(snapshot, List.of(state), List.of(), NOW);

    assertThat(plan.actions())
        .containsExactly(
            Fixture.ack(
                test("c1", "all", "bob"),
                Answer.Outcome.NOTHING_TO_DO,
                "no job runs for branch 'dev'"));
  }
}
