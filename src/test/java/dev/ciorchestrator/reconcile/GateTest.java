package dev.ciorchestrator.reconcile;

import static dev.ciorchestrator.domain.RunState.FAILURE;
import static dev.ciorchestrator.domain.RunState.RUNNING;
import static dev.ciorchestrator.domain.RunState.SUCCESS;
import static dev.ciorchestrator.reconcile.Fixture.HEAD;
import static dev.ciorchestrator.reconcile.Fixture.NOW;
import static dev.ciorchestrator.reconcile.Fixture.change;
import static dev.ciorchestrator.reconcile.Fixture.config;
import static dev.ciorchestrator.reconcile.Fixture.job;
import static dev.ciorchestrator.reconcile.Fixture.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import dev.ciorchestrator.config.model.ConfigSnapshot;
import dev.ciorchestrator.config.model.PolicyType;
import dev.ciorchestrator.domain.Decision;
import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.reconcile.Fixture.ChangeBuilder;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The gate: built-in required-jobs plus every applicable gate policy. go-test is required and due,
 * lint is optional, docs is required but not due (main.go changed), release-only does not apply.
 */
class GateTest {
  private static final String APPROVALS =
      "'needs 2 approvals, has ' + string(size(change.approvals))";
  private static final String ALL = "required-jobs, two-approvals, no-hold";
  private static final String GREEN =
      "jobs.all(j, !jobs[j].required || jobs[j].status in ['success', 'skipped'])";
  private static final String WAITING =
      "jobs.filter(j, jobs[j].required && jobs[j].status != 'success').join(', ')";
  private static final RunRecord GO_TEST_PASSED = run("go-test", HEAD, 1, SUCCESS);

  static Fixture.Config base() {
    return config()
        .jobs("go-test")
        .job(job("lint").optional())
        .job(job("docs").paths("docs/**"))
        .gate("two-approvals", "size(change.approvals) >= 2", APPROVALS)
        .gate("no-hold", "!('hold' in change.labels)", "'change is on hold'")
        .policy(PolicyType.GATE, "release-only", "change.baseRef == 'release'", "false", null);
  }

  static Stream<Arguments> rows() {
    ChangeBuilder approved = change().approvals("bob", "carol");
    List<RunRecord> passed = List.of(GO_TEST_PASSED);
    return Stream.of(
        row("everything passes", base(), approved, passed, ALL, "passed: " + ALL),
        row(
            "names every failing policy with its message",
            base(),
            change().labels("hold"),
            passed,
            ALL,
            "two-approvals: needs 2 approvals, has 0; no-hold: change is on hold"),
        row(
            "required job failed, optional job ignored",
            base(),
            approved,
            List.of(run("go-test", HEAD, 1, FAILURE), run("lint", HEAD, 1, FAILURE)),
            ALL,
            "required-jobs: go-test is failure"),
        row(
            "required job not started",
            base(),
            approved,
            List.of(),
            ALL,
            "required-jobs: go-test is missing"),
        row(
            "required job running and one approval",
            base(),
            change().approvals("bob"),
            List.of(run("go-test", HEAD, 1, RUNNING)),
            ALL,
            "required-jobs: go-test is running; two-approvals: needs 2 approvals, has 1"),
        row(
            "policy error fails closed",
            base().gate("broken", "change.labels[3] == 'x'", null),
            approved,
            passed,
            ALL + ", broken",
            "broken: policy error: "),
        row(
            "gate policy sees the jobs map",
            base().gate("lint-green", "jobs['lint'].status == 'success'", null),
            approved,
            List.of(GO_TEST_PASSED, run("lint", HEAD, 1, FAILURE)),
            ALL + ", lint-green",
            "lint-green: rule is false: jobs['lint'].status == 'success'"),
        row(
            "applies when match is true",
            base(),
            approved.base("release"),
            passed,
            ALL + ", release-only",
            "release-only: rule is false: false"),
        row(
            "a policy repeating required-jobs is shown once, with it",
            base().gate("jobs-green", GREEN, "'waiting for: ' + " + WAITING),
            approved,
            List.of(run("go-test", HEAD, 1, RUNNING)),
            ALL + ", jobs-green",
            "required-jobs, jobs-green: go-test is running"),
        row(
            "a policy asking for more than required-jobs is shown on its own",
            base().gate("all-green", "jobs.all(j, jobs[j].status == 'success')", null),
            approved,
            List.of(run("go-test", HEAD, 1, RUNNING)),
            ALL + ", all-green",
            "required-jobs: go-test is running; all-green: rule is false"),
        row(
            "untrusted change fails with the trust decision first",
            base(),
            change().author("mallory").approvals("bob", "carol"),
            List.of(),
            "trust, " + ALL,
            "trust: author mallory is not trusted; required-jobs: go-test is missing"));
  }

  private static Arguments row(
      String name,
      Fixture.Config config,
      ChangeBuilder change,
      List<RunRecord> runs,
      String decisions,
      String summary) {
    return argumentSet(name, config.build(), change, runs, decisions, summary);
  }

  @ParameterizedTest
  @MethodSource("rows")
  void decidesTheGate(
      ConfigSnapshot snapshot,
      ChangeBuilder change,
      List<RunRecord> runs,
      String decisions,
      String summary) {
    GateDecision gate =
        Planner.plan(snapshot, List.of(change.state()), runs, NOW).changes().get(0).gate();

    assertThat(gate.decisions())
        .extracting(Decision::policy)
        .containsExactly(decisions.split(", "));
    assertThat(gate.pass()).isEqualTo(summary.startsWith("passed: "));
    assertThat(gate.failing()).allMatch(d -> !d.pass());
    assertThat(gate.summary()).startsWith(summary);
  }
}
