package dev.ciorchestrator.reconcile;

import static dev.ciorchestrator.domain.RunState.FAILURE;
import static dev.ciorchestrator.domain.RunState.PENDING;
import static dev.ciorchestrator.domain.RunState.RUNNING;
import static dev.ciorchestrator.domain.RunState.SUCCESS;
import static dev.ciorchestrator.reconcile.Fixture.HEAD;
import static dev.ciorchestrator.reconcile.Fixture.retest;
import static dev.ciorchestrator.reconcile.Fixture.run;
import static dev.ciorchestrator.reconcile.Fixture.test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import dev.ciorchestrator.domain.ChangeState.JobRequest;
import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.domain.RunState;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The executor created the runs a request asked for, then died before acknowledging it. The next
 * plan sees the same request beside those runs and must only acknowledge it.
 */
class CrashWindowTest {
  static Stream<Arguments> rows() {
    List<RunRecord> passed = List.of(run("go-test", HEAD, 1, SUCCESS));
    List<RunRecord> failed = List.of(run("go-test", HEAD, 1, FAILURE));
    return Stream.of(
        argumentSet("/test job, run pending", passed, test("c1", "go-test", "carol"), PENDING),
        argumentSet("/test job, run running", passed, test("c1", "go-test", "carol"), RUNNING),
        argumentSet("/test all", passed, test("c1", "all", "carol"), PENDING),
        argumentSet("/retest", failed, retest("c1", "carol"), PENDING),
        argumentSet("/retest, run running", failed, retest("c1", "carol"), RUNNING),
        // The run may even have finished before the next plan: the request id on it still says
        // that this request was served.
        argumentSet("/test job, run passed", passed, test("c1", "go-test", "carol"), SUCCESS),
        argumentSet("/test all, run failed", passed, test("c1", "all", "carol"), FAILURE),
        argumentSet("/retest, run failed again", failed, retest("c1", "carol"), FAILURE));
  }

  @ParameterizedTest
  @MethodSource("rows")
  void requestServedBeforeTheCrashStartsNothingMore(
      List<RunRecord> runs, JobRequest request, RunState startedAs) {
    Plan first = RequestsTest.plan(runs, List.of(request));
    List<Action> starts = starts(first);
    assertThat(starts).as("the first plan serves the request").isNotEmpty();

    List<RunRecord> afterCrash = new ArrayList<>(runs);
    for (Action action : starts) {
      Action.StartRun start = (Action.StartRun) action;
      assertThat(start.requestId()).isEqualTo(request.id());
      afterCrash.add(run(start.key(), startedAs, start.requestId()));
    }
    Plan again = RequestsTest.plan(afterCrash, List.of(request));

    assertThat(Rendered.actions(again.actions(), afterCrash)).containsExactly("ack c1");
  }

  @ParameterizedTest
  @MethodSource("rows")
  void replanningTheSameInputsRepeatsTheSameRunIds(List<RunRecord> runs, JobRequest request) {
    // Before the executor created anything, a replay must name the very same runs, so that
    // create-if-absent makes the second start a no-op.
    assertThat(starts(RequestsTest.plan(runs, List.of(request))))
        .isEqualTo(starts(RequestsTest.plan(runs, List.of(request))));
  }

  private static List<Action> starts(Plan plan) {
    return plan.actions().stream().filter(Action.StartRun.class::isInstance).toList();
  }
}
