package dev.ciorchestrator.reconcile;

import static dev.ciorchestrator.domain.RunState.ABORTED;
import static dev.ciorchestrator.domain.RunState.ERROR;
import static dev.ciorchestrator.domain.RunState.FAILURE;
import static dev.ciorchestrator.domain.RunState.RUNNING;
import static dev.ciorchestrator.domain.RunState.SUCCESS;
import static dev.ciorchestrator.reconcile.Fixture.HEAD;
import static dev.ciorchestrator.reconcile.Fixture.NOW;
import static dev.ciorchestrator.reconcile.Fixture.change;
import static dev.ciorchestrator.reconcile.Fixture.config;
import static dev.ciorchestrator.reconcile.Fixture.job;
import static dev.ciorchestrator.reconcile.Fixture.retest;
import static dev.ciorchestrator.reconcile.Fixture.run;
import static dev.ciorchestrator.reconcile.Fixture.test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import dev.ciorchestrator.config.model.ConfigSnapshot;
import dev.ciorchestrator.domain.Answer;
import dev.ciorchestrator.domain.ChangeState;
import dev.ciorchestrator.domain.ChangeState.JobRequest;
import dev.ciorchestrator.domain.RunKey;
import dev.ciorchestrator.domain.RunRecord;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code /test <job>}, {@code /test all} and {@code /retest} on change #12 (base main, main.go
 * changed), where only go-test is due and has already passed unless a row says otherwise.
 */
class RequestsTest {
  static final ConfigSnapshot CONFIG =
      config()
          .jobs("go-test")
          .job(job("docs").paths("docs/**"))
          .job(job("e2e").commandOnly("/test integration"))
          .job(job("release").branches("release-*"))
          .job(job("drafts").when("change.draft"))
          .job(job("lint-cmd").commandOnly("/lint"))
          .job(job("nightly").push("main").commandOnly(null))
          .job(job("c-lint").repos("demo/hello-c"))
          .build();
  private static final RunRecord PASSED = run("go-test", HEAD, 1, SUCCESS);
  private static final RunRecord FAILED = run("go-test", HEAD, 1, FAILURE);

  static Stream<Arguments> rows() {
    return Stream.of(
        row(
            "/test a passed job",
            runs(),
            reqs(test("c1", "go-test", "carol")),
            "start go-test#2 command by carol",
            "ack c1"),
        row(
            "/test a running job",
            runs(run("go-test", HEAD, 1, RUNNING)),
            reqs(test("c1", "go-test", "carol")),
            "ack c1"),
        row(
            "/test a job that is about to start",
            List.of(),
            reqs(test("c1", "go-test", "carol")),
            "start go-test#1 pull_request by alice",
            "ack c1"),
        row(
            "/test a job whose paths did not match",
            runs(),
            reqs(test("c1", "docs", "carol")),
            "start docs#1 command by carol",
            "ack c1"),
        row(
            "/test a command-only job by name",
            runs(),
            reqs(test("c1", "e2e", "carol")),
            "start e2e#1 command by carol",
            "ack c1"),
        row(
            "/test a job by its command",
            runs(),
            reqs(test("c1", "integration", "carol")),
            "start e2e#1 command by carol",
            "ack c1"),
        row("/test an unknown job", runs(), reqs(test("c1", "nope", "carol")), "ack c1"),
        row(
            "/test all ignores paths, not branches or when",
            runs(),
            reqs(test("c1", "all", "carol")),
            "start go-test#2 command by carol",
            "start docs#1 command by carol",
            "ack c1"),
        row(
            "/test all skips running jobs",
            runs(run("go-test", HEAD, 1, RUNNING)),
            reqs(test("c1", "all", "carol")),
            "start docs#1 command by carol",
            "ack c1"),
        row(
            "/retest a failed job",
            runs(FAILED),
            reqs(retest("c1", "carol")),
            "start go-test#2 command by carol",
            "ack c1"),
        row(
            "/retest every failed, errored or aborted job, nothing else",
            runs(
                FAILED,
                run("docs", HEAD, 1, ERROR),
                run("e2e", HEAD, 3, ABORTED),
                run("release", HEAD, 1, RUNNING),
                run("drafts", HEAD, 1, SUCCESS)),
            reqs(retest("c1", "carol")),
            "start go-test#2 command by carol",
            "start docs#2 command by carol",
            "start e2e#4 command by carol",
            "ack c1"),
        row("/retest with nothing failed", runs(), reqs(retest("c1", "carol")), "ack c1"),
        row(
            "/retest while the retry runs",
            runs(FAILED, run("go-test", HEAD, 2, RUNNING)),
            reqs(retest("c1", "carol")),
            "ack c1"),
        row(
            "two requests for one job start it once",
            runs(),
            reqs(test("c1", "go-test", "carol"), test("c2", "go-test", "dave")),
            "start go-test#2 command by carol",
            "ack c1",
            "ack c2"),
        row(
            "/retest then /test all",
            runs(FAILED),
            reqs(retest("c1", "carol"), test("c2", "all", "dave")),
            "start go-test#2 command by carol",
            "ack c1",
            "start docs#1 command by dave",
            "ack c2"));
  }

  /** The head runs: PASSED unless given, since go-test is the only due job. */
  private static List<RunRecord> runs(RunRecord... runs) {
    return runs.length == 0 ? List.of(PASSED) : List.of(runs);
  }

  private static List<JobRequest> reqs(JobRequest... requests) {
    return List.of(requests);
  }

  private static Arguments row(
      String name, List<RunRecord> runs, List<JobRequest> requests, String... actions) {
    return argumentSet(name, runs, requests, List.of(actions));
  }

  @ParameterizedTest
  @MethodSource("rows")
  void servesRequests(List<RunRecord> runs, List<JobRequest> requests, List<String> expected) {
    Plan plan = plan(runs, requests);

    assertThat(Rendered.actions(plan.actions(), runs)).isEqualTo(expected);
  }

  @ParameterizedTest
  @MethodSource("rows")
  void acknowledgesEveryRequestExactlyOnce(List<RunRecord> runs, List<JobRequest> requests) {
    List<String> acked =
        plan(runs, requests).actions().stream()
            .filter(Action.AcknowledgeRequest.class::isInstance)
            .map(a -> ((Action.AcknowledgeRequest) a).requestId())
            .toList();

    assertThat(acked).isEqualTo(requests.stream().map(JobRequest::id).toList());
  }

  static Stream<Arguments> answers() {
    ChangeState trusted = change().state();
    ChangeState untrusted = change().author("mallory").state();
    RunRecord running = run("go-test", HEAD, 1, RUNNING);
    return Stream.of(
        answer(
            "started",
            trusted,
            runs(),
            test("c1", "go-test", "carol"),
            "DONE: started go-test (attempt 2)"),
        answer(
            "already running",
            trusted,
            runs(running),
            test("c1", "go-test", "carol"),
            "NOTHING_TO_DO: go-test is already running (attempt 1, running)"),
        answer(
            "unknown job",
            trusted,
            runs(),
            test("c1", "nope", "carol"),
            "REFUSED: no job 'nope' for demo/hello-go"),
        answer(
            "a typo gets a did-you-mean",
            trusted,
            runs(),
            test("c1", "go-tset", "carol"),
            "REFUSED: no job 'go-tset' for demo/hello-go (did you mean 'go-test'?)"),
        answer(
            "a job of another repository says where it runs",
            trusted,
            runs(),
            test("c1", "c-lint", "carol"),
            "REFUSED: job 'c-lint' does not run on demo/hello-go (its repos: demo/hello-c)"),
        answer(
            "a job no comment can start",
            trusted,
            runs(),
            test("c1", "nightly", "carol"),
            "REFUSED: job 'nightly' has no pullRequest trigger or command, so no comment starts it"),
        answer(
            "a job's own command",
            trusted,
            runs(),
            test("c1", "/lint", "carol"),
            "DONE: started lint-cmd (attempt 1)"),
        answer(
            "an unknown command gets a did-you-mean over commands",
            trusted,
            runs(),
            test("c1", "/lnit", "carol"),
            "REFUSED: not a ci-orchestrator command, nor the command of a job of demo/hello-go"
                + " (did you mean '/lint'?)"),
        answer(
            "another bot's command is acknowledged but not ours to answer",
            trusted,
            runs(),
            test("c1", "/cc", "carol"),
            "NOT_OURS: not a command of ours"),
        answer(
            "nothing to retest",
            trusted,
            runs(),
            retest("c1", "carol"),
            "NOTHING_TO_DO: nothing to retest: no failed job on 1111111"),
        answer(
            "test all, partly running",
            trusted,
            runs(running),
            test("c1", "all", "carol"),
            "DONE: started docs (attempt 1); go-test is already running (attempt 1, running)"),
        answer(
            "served before a crash: the same words",
            trusted,
            List.of(
                PASSED, run(RunKey.forChange(Fixture.REPO, 12, HEAD, "go-test", 2), RUNNING, "c1")),
            test("c1", "go-test", "carol"),
            "DONE: started go-test (attempt 2)"),
        answer(
            "untrusted change",
            untrusted,
            List.of(),
            test("c1", "go-test", "mallory"),
            "REFUSED: not started: the change may not run yet (author mallory is not trusted);"
                + " a trusted user must comment /ok-to-test"),
        answer(
            "untrusted change, but a typo is told as a typo",
            untrusted,
            List.of(),
            test("c1", "go-tset", "mallory"),
            "REFUSED: no job 'go-tset' for demo/hello-go (did you mean 'go-test'?)"));
  }

  private static Arguments answer(
      String name, ChangeState state, List<RunRecord> runs, JobRequest request, String expected) {
    return argumentSet(name, state, runs, request, expected);
  }

  @ParameterizedTest
  @MethodSource("answers")
  void answersEveryRequest(
      ChangeState state, List<RunRecord> runs, JobRequest request, String expected) {
    ChangeState asked = new ChangeState(state.change(), state.okToTest(), List.of(request));

    List<Answer> answers =
        Planner.plan(CONFIG, List.of(asked), runs, NOW).actions().stream()
            .filter(Action.AcknowledgeRequest.class::isInstance)
            .map(a -> ((Action.AcknowledgeRequest) a).answer())
            .toList();

    assertThat(answers)
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.outcome() + ": " + a.text()).isEqualTo(expected);
              assertThat(a.key()).isEqualTo(request.id());
              assertThat(a.command()).isEqualTo(request.command());
              assertThat(a.by()).isEqualTo(request.by());
            });
  }

  static Plan plan(List<RunRecord> runs, List<JobRequest> requests) {
    return Planner.plan(
        CONFIG, List.of(change().state(requests.toArray(JobRequest[]::new))), runs, NOW);
  }
}
