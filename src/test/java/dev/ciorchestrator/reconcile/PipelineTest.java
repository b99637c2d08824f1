package dev.ciorchestrator.reconcile;

import static dev.ciorchestrator.domain.RunState.ERROR;
import static dev.ciorchestrator.domain.RunState.FAILURE;
import static dev.ciorchestrator.domain.RunState.RUNNING;
import static dev.ciorchestrator.domain.RunState.SUCCESS;
import static dev.ciorchestrator.reconcile.Fixture.HEAD;
import static dev.ciorchestrator.reconcile.Fixture.NOW;
import static dev.ciorchestrator.reconcile.Fixture.OLD;
import static dev.ciorchestrator.reconcile.Fixture.change;
import static dev.ciorchestrator.reconcile.Fixture.config;
import static dev.ciorchestrator.reconcile.Fixture.job;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import dev.ciorchestrator.config.model.ConfigSnapshot;
import dev.ciorchestrator.domain.Answer;
import dev.ciorchestrator.domain.ChangeState;
import dev.ciorchestrator.domain.ChangeState.JobRequest;
import dev.ciorchestrator.domain.RunKey;
import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.domain.RunState;
import dev.ciorchestrator.domain.Trigger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code needs} on a change: a diamond {@code a → (b, c) → d}. Each row gives the runs on the head
 * (with the minute each was queued) and expects the starts and every job's status, as CEL and the
 * gate see it.
 */
class PipelineTest {
  /** a; b and c need a; d needs b and c. */
  static ConfigSnapshot diamond() {
    return config()
        .job(job("a").retries(1))
        .job(job("b").needs("a"))
        .job(job("c").needs("a"))
        .job(job("d").needs("b", "c"))
        .build();
  }

  static Stream<Arguments> rows() {
    return Stream.of(
        row(
            "nothing ran: only the root starts",
            List.of(),
            "start a#1 pull_request by alice",
            "a=missing b=missing c=missing d=missing"),
        row(
            "a passed: both middle jobs start",
            List.of(r("a", 1, SUCCESS, 0)),
            "start b#1 pull_request by alice, start c#1 pull_request by alice",
            "a=success b=missing c=missing d=missing"),
        row(
            "b passed, c runs: d waits",
            List.of(r("a", 1, SUCCESS, 0), r("b", 1, SUCCESS, 1), r("c", 1, RUNNING, 1)),
            "",
            "a=success b=success c=running d=missing"),
        row(
            "both passed: d starts",
            List.of(r("a", 1, SUCCESS, 0), r("b", 1, SUCCESS, 1), r("c", 1, SUCCESS, 1)),
            "start d#1 pull_request by alice",
            "a=success b=success c=success d=missing"),
        row(
            "failure in the middle: d is skipped, c still runs",
            List.of(r("a", 1, SUCCESS, 0), r("b", 1, FAILURE, 1)),
            "start c#1 pull_request by alice",
            "a=success b=failure c=missing d=skipped"),
        row(
            "root failed: everything below is skipped",
            List.of(r("a", 1, FAILURE, 0)),
            "",
            "a=failure b=skipped c=skipped d=skipped"),
        row(
            "root errored with a retry left: the rest waits",
            List.of(r("a", 1, ERROR, 0)),
            "start a#2 pull_request by alice",
            "a=error b=missing c=missing d=missing"),
        row(
            "root re-ran after d's inputs: b and c run again, d waits",
            List.of(
                r("a", 1, SUCCESS, 0),
                r("b", 1, SUCCESS, 1),
                r("c", 1, FAILURE, 1),
                r("a", 2, SUCCESS, 5)),
            "start b#2 pull_request by alice, start c#2 pull_request by alice",
            "a=success b=success c=failure d=missing"),
        row(
            "supersede while half the graph ran",
            List.of(run("a", OLD, 1, SUCCESS, 0), run("b", OLD, 1, RUNNING, 1)),
            "abort b@old#1, start a#1 pull_request by alice",
            "a=missing b=missing c=missing d=missing"));
  }

  private static Arguments row(String name, List<RunRecord> runs, String actions, String jobs) {
    return argumentSet(name, runs, actions, jobs);
  }

  @ParameterizedTest
  @MethodSource("rows")
  void startsEachJobOnceItsNeedsPassed(List<RunRecord> runs, String actions, String jobs) {
    ChangePlan plan = plan(runs);

    assertThat(String.join(", ", Rendered.actions(plan.actions(), runs))).isEqualTo(actions);
    assertThat(statuses(plan)).isEqualTo(jobs);
  }

  @Test
  void aSkippedJobIsNotGreenForTheGateNorForCel() {
    ConfigSnapshot snapshot =
        config()
            .job(job("a"))
            .job(job("b").needs("a"))
            .gate("no-skips", "jobs.all(j, jobs[j].status != 'skipped')", null)
            .build();

    ChangePlan plan =
        Planner.plan(snapshot, List.of(change().state()), List.of(r("a", 1, FAILURE, 0)), NOW)
            .changes()
            .get(0);

    assertThat(plan.gate().pass()).isFalse();
    assertThat(plan.gate().summary()).contains("b is skipped").contains("no-skips");
    assertThat(plan.job("b").orElseThrow().reason())
        .isEqualTo("skipped: needs a, which ended in failure (attempt 1)");
    assertThat(plan.job("b").orElseThrow().held()).isTrue();
  }

  @Test
  void waitingJobsSayWhatTheyWaitFor() {
    ChangePlan plan = plan(List.of(r("a", 1, SUCCESS, 0), r("b", 1, RUNNING, 1)));

    assertThat(plan.job("d").orElseThrow().reason())
        .isEqualTo("waiting for b (attempt 1, running), c (not started)");
    assertThat(plan.job("d").orElseThrow().needs()).containsExactly("b", "c");
  }

  @Test
  void retestOfAFailedUpstreamReRunsItThenTheJobsBelow() {
    JobRequest retest = new JobRequest("r1", "", "bob", true);
    List<RunRecord> runs = new ArrayList<>(List.of(r("a", 1, SUCCESS, 0), r("b", 1, FAILURE, 1)));

    ChangePlan first = plan(runs, retest);
    assertThat(Rendered.actions(first.actions(), runs))
        .containsExactly("start c#1 pull_request by alice", "start b#2 command by bob", "ack r1");

    // b#2 passed and c passed: d follows, caused by whatever caused the newest run it needs
    runs.add(at(RunKey.forChange(Fixture.REPO, 12, HEAD, "b", 2), SUCCESS, 3, Trigger.COMMAND));
    runs.add(r("c", 1, SUCCESS, 2));
    assertThat(Rendered.actions(plan(runs).actions(), runs))
        .containsExactly("start d#1 command by bob");
  }

  @Test
  void retestOfTheRootWaitsForItBeforeTheJobsBelow() {
    JobRequest retest = new JobRequest("r1", "", "bob", true);
    List<RunRecord> runs =
        List.of(
            r("a", 1, SUCCESS, 0),
            r("b", 1, SUCCESS, 1),
            r("c", 1, FAILURE, 1),
            r("d", 1, SUCCESS, 2));
    // d passed once (under an older config without c); /retest starts only the failed c, and d
    // runs again once c's new attempt passed
    ChangePlan first = plan(runs, retest);
    assertThat(Rendered.actions(first.actions(), runs))
        .containsExactly("start c#2 command by bob", "ack r1");
    assertThat(first.job("d").orElseThrow().status().wire()).isEqualTo("skipped");

    List<RunRecord> after = new ArrayList<>(runs);
    after.add(at(RunKey.forChange(Fixture.REPO, 12, HEAD, "c", 2), SUCCESS, 4, Trigger.COMMAND));
    assertThat(Rendered.actions(plan(after).actions(), after))
        .containsExactly("start d#2 command by bob");
  }

  @Test
  void testOfAJobWhoseNeedsAreGreenRunsOnlyIt() {
    List<RunRecord> runs =
        List.of(
            r("a", 1, SUCCESS, 0),
            r("b", 1, SUCCESS, 1),
            r("c", 1, SUCCESS, 1),
            r("d", 1, FAILURE, 2));

    ChangePlan plan = plan(runs, new JobRequest("t1", "d", "bob", false));

    assertThat(Rendered.actions(plan.actions(), runs))
        .containsExactly("start d#2 command by bob", "ack t1");
  }

  @Test
  void testOfAJobBelowAFailureSaysWhatItNeeds() {
    JobRequest test = new JobRequest("t1", "d", "bob", false);
    List<RunRecord> runs =
        List.of(r("a", 1, SUCCESS, 0), r("b", 1, FAILURE, 1), r("c", 1, SUCCESS, 1));

    ChangePlan plan = plan(runs, test);

    assertThat(plan.actions())
        .containsExactly(
            Fixture.ack(
                test,
                Answer.Outcome.NOTHING_TO_DO,
                "d not started: skipped: needs b, which ended in failure (attempt 1)"));
  }

  @Test
  void testAllStartsTheRootAndLetsTheRestFollow() {
    JobRequest all = new JobRequest("t1", "all", "bob", false);
    List<RunRecord> runs =
        List.of(
            r("a", 1, SUCCESS, 0),
            r("b", 1, SUCCESS, 1),
            r("c", 1, SUCCESS, 1),
            r("d", 1, SUCCESS, 2));

    ChangePlan plan = plan(runs, all);

    assertThat(Rendered.actions(plan.actions(), runs))
        .containsExactly("start a#2 command by bob", "ack t1");
    assertThat(plan.actions().get(1).reason())
        .isEqualTo(
            "started a (attempt 2); b waits for a, which runs again first;"
                + " c waits for a, which runs again first; d waits for b, c, which runs again first");
  }

  /**
   * A restart mid-graph: the plan is made again from the records alone. Applying its starts and
   * planning again starts nothing twice.
   */
  @Test
  void restartMidGraphStartsEachRunOnce() {
    List<RunRecord> runs = new ArrayList<>(List.of(r("a", 1, SUCCESS, 0)));
    ChangePlan first = plan(runs);
    ChangePlan replay = plan(runs);
    assertThat(replay.actions()).isEqualTo(first.actions());

    for (Action a : first.actions()) {
      Action.StartRun s = (Action.StartRun) a;
      runs.add(at(s.key(), RunState.PENDING, 1, s.trigger()));
    }
    ChangePlan afterRestart = plan(runs);
    assertThat(afterRestart.actions()).isEmpty();
    assertThat(statuses(afterRestart)).isEqualTo("a=success b=pending c=pending d=missing");
  }

  @Test
  void aNeededJobThatIsNotDueMakesTheJobBelowNotDue() {
    ConfigSnapshot snapshot =
        config().job(job("a").paths("src/**")).job(job("b").needs("a")).build();

    ChangePlan plan =
        Planner.plan(snapshot, List.of(change().files("docs/x.md").state()), List.of(), NOW)
            .changes()
            .get(0);

    assertThat(plan.actions()).isEmpty();
    assertThat(plan.job("b").orElseThrow().due()).isFalse();
    assertThat(plan.job("b").orElseThrow().reason()).startsWith("needs a, which is not due (");
    assertThat(plan.gate().pass()).isTrue();
  }

  private static ChangePlan plan(List<RunRecord> runs, JobRequest... requests) {
    ChangeState state = change().state(requests);
    return Planner.plan(diamond(), List.of(state), runs, NOW).changes().get(0);
  }

  private static String statuses(ChangePlan plan) {
    Map<String, String> out = new LinkedHashMap<>();
    plan.jobs().forEach(j -> out.put(j.job(), j.status().wire()));
    return String.join(
        " ", out.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
  }

  /** A run of change #12 on the head, queued {@code minute} minutes after {@link Fixture#NOW}. */
  static RunRecord r(String job, int attempt, RunState state, int minute) {
    return run(job, HEAD, attempt, state, minute);
  }

  static RunRecord run(String job, String sha, int attempt, RunState state, int minute) {
    return at(
        RunKey.forChange(Fixture.REPO, 12, sha, job, attempt), state, minute, Trigger.PULL_REQUEST);
  }

  static RunRecord at(RunKey key, RunState state, int minute, Trigger trigger) {
    String by = trigger == Trigger.PULL_REQUEST ? Fixture.AUTHOR : "bob";
    var queued = NOW.plusSeconds(60L * minute);
    return new RunRecord(key, state, trigger, by, "", "base0", "rev1", queued, queued, null, "");
  }
}
