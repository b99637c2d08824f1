package dev.ciorchestrator.reconcile;

import static dev.ciorchestrator.reconcile.Fixture.NOW;
import static dev.ciorchestrator.reconcile.Fixture.change;
import static dev.ciorchestrator.reconcile.Fixture.config;
import static dev.ciorchestrator.reconcile.Fixture.job;
import static dev.ciorchestrator.reconcile.Fixture.test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import dev.ciorchestrator.config.model.ConfigSnapshot;
import dev.ciorchestrator.config.model.ExecutorKind;
import dev.ciorchestrator.config.model.PolicyType;
import dev.ciorchestrator.domain.Answer;
import dev.ciorchestrator.domain.ChangeState;
import dev.ciorchestrator.domain.Decision;
import dev.ciorchestrator.domain.JobStatus;
import dev.ciorchestrator.reconcile.PlanRules.RenewOkToTest;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * May a change run: /ok-to-test, trusted users, trust policies; untrusted changes start nothing.
 */
class TrustTest {
  private static final String MEMBERS = "change.author in ['mallory', 'bob']";
  private static final String BROKEN = "change.labels[3] == 'x'";
  private static final List<String> STARTS = List.of("start go-test#1 pull_request by mallory");
  private static final List<String> WAITS = List.of("require-ok-to-test");

  static Stream<Arguments> rows() {
    ChangeState mallory = change().author("mallory").state();
    return Stream.of(
        row(
            "trusted user",
            config().trusting("mallory"),
            mallory,
            "trust",
            "author mallory is trusted"),
        row(
            "ok-to-test",
            config(),
            change().author("mallory").okToTest(),
            "trust",
            "/ok-to-test given"),
        row("untrusted, no policy", config(), mallory, "trust", "!author mallory is not trusted"),
        row(
            "trust policy passes",
            config().trust("members", MEMBERS),
            mallory,
            "trust",
            "trust policies passed: members"),
        row(
            "trust policy fails",
            config().trust("members", "change.author == 'bob'"),
            mallory,
            "members",
            "!rule is false: change.author == 'bob'"),
        row(
            "one of two trust policies fails",
            config().trust("members", MEMBERS).trust("no-drafts", "change.draft"),
            mallory,
            "no-drafts",
            "!rule is false: change.draft"),
        row(
            "trust policy error fails closed",
            config().trust("members", BROKEN),
            mallory,
            "members",
            "!policy error: "),
        row(
            "no trust policy applies",
            config()
                .policy(PolicyType.TRUST, "release", "change.baseRef == 'release'", "true", null),
            mallory,
            "trust",
            "!author mallory is not trusted"),
        row(
            "trust policy sees the jobs map",
            config().trust("fresh", "jobs['go-test'].status == 'missing'"),
            mallory,
            "trust",
            "trust policies passed: fresh"));
  }

  /** {@code reason} starting with {@code !} means the change is not trusted. */
  private static Arguments row(
      String name, Fixture.Config config, ChangeState state, String policy, String reason) {
    return argumentSet(name, config.jobs("go-test").build(), state, policy, reason);
  }

  @ParameterizedTest
  @MethodSource("rows")
  void decidesTrust(ConfigSnapshot snapshot, ChangeState state, String policy, String reason) {
    boolean trusted = !reason.startsWith("!");

    ChangePlan plan = Planner.plan(snapshot, List.of(state), List.of(), NOW).changes().get(0);

    assertThat(plan.trust().pass()).isEqualTo(trusted);
    assertThat(plan.trust().policy()).isEqualTo(policy);
    assertThat(plan.trust().reason()).startsWith(reason.replaceFirst("^!", ""));
    assertThat(Rendered.actions(plan.actions(), List.of())).isEqualTo(trusted ? STARTS : WAITS);
  }

  static Stream<Arguments> renewals() {
    PlanRules auto = PlanRules.DEFAULT;
    PlanRules autoContainers = new PlanRules(RenewOkToTest.AUTO, ExecutorKind.CONTAINER);
    PlanRules never = new PlanRules(RenewOkToTest.NEVER, ExecutorKind.PROCESS);
    PlanRules always = new PlanRules(RenewOkToTest.ALWAYS, ExecutorKind.CONTAINER);
    ChangeState forHead = change().author("mallory").okToTest();
    ChangeState earlier = change().author("mallory").okToTestForEarlierHead();
    String renew = "!/ok-to-test was given before the latest push by mallory, who is not trusted;";
    return Stream.of(
        argumentSet("for this head", auto, config(), forHead, "/ok-to-test given"),
        argumentSet("earlier head, process executor", auto, config(), earlier, renew),
        argumentSet("earlier head, containers", autoContainers, config(), earlier, "/ok-to-test"),
        argumentSet(
            "earlier head, containers but one job on the process executor",
            autoContainers,
            config().job(job("lint").executor(ExecutorKind.PROCESS)),
            earlier,
            renew),
        argumentSet("earlier head, never renewed", never, config(), earlier, "/ok-to-test"),
        argumentSet("earlier head, always renewed", always, config(), earlier, renew),
        argumentSet(
            "earlier head, but a trusted author",
            auto,
            config(),
            change().okToTestForEarlierHead(),
            "author alice is trusted"));
  }

  /**
   * A push by an untrusted author after {@code /ok-to-test} needs a new one when the deployment
   * says so ({@code ci.reconcile.renew-ok-to-test}); {@code auto} asks for it when a job runs on
   * the process executor, which has no isolation.
   */
  @ParameterizedTest
  @MethodSource("renewals")
  void renewsOkToTestAfterAPush(
      PlanRules rules, Fixture.Config config, ChangeState state, String reason) {
    ChangePlan plan =
        Planner.plan(
                config.jobs("go-test").build(),
                List.of(state),
                List.of(),
                NOW,
                PolicyObserver.NONE,
                rules)
            .changes()
            .get(0);

    assertThat(plan.trust().pass()).isEqualTo(!reason.startsWith("!"));
    assertThat(plan.trust().reason()).startsWith(reason.replaceFirst("^!", ""));
  }

  @Test
  void untrustedChangeWaitsEverywhereAndFailsItsGate() {
    ChangeState state = change().author("mallory").state(test("c1", "go-test", "mallory"));

    ChangePlan plan =
        Planner.plan(config().jobs("go-test").build(), List.of(state), List.of(), NOW)
            .changes()
            .get(0);

    assertThat(plan.job("go-test").orElseThrow())
        .isEqualTo(
            new JobDecision("go-test", true, JobStatus.MISSING, true, "waiting for /ok-to-test"));
    assertThat(plan.actions())
        .containsExactly(
            new Action.RequireOkToTest(
                Fixture.REPO, 12, "trust: author mallory is not trusted; waiting for /ok-to-test"),
            Fixture.ack(
                test("c1", "go-test", "mallory"),
                Answer.Outcome.REFUSED,
                "not started: the change may not run yet (author mallory is not trusted);"
                    + " a trusted user must comment /ok-to-test"));
    assertThat(plan.gate().failing())
        .first()
        .isEqualTo(Decision.fail("trust", "author mallory is not trusted"));
  }
}
