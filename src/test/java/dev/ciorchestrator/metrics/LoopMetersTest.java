package dev.ciorchestrator.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.domain.Decision;
import dev.ciorchestrator.forge.MergeResult;
import dev.ciorchestrator.policy.Evaluation;
import dev.ciorchestrator.reconcile.GateDecision;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LoopMetersTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
  private final LoopMeters meters = new LoopMeters(registry, Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void passesAreTimedAndFailedOnesCounted() {
    meters.passFinished("acme/app", Duration.ofMillis(20), false);
    meters.passFinished("acme/app", Duration.ofMillis(30), true);

    var timer = registry.get(LoopMeters.RECONCILE_DURATION).tag("repo", "acme/app").timer();
    assertThat(timer.count()).isEqualTo(2);
    assertThat(timer.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(50.0);
    assertThat(registry.get(LoopMeters.RECONCILE_ERRORS).tag("repo", "acme/app").counter().count())
        .isEqualTo(1.0);
  }

  @Test
  void errorsStartAtZero() {
    meters.passFinished("acme/app", Duration.ZERO, false);

    assertThat(registry.get(LoopMeters.RECONCILE_ERRORS).counter().count()).isZero();
  }

  @Test
  void aBlockedGateCountsEachFailingPolicy() {
    meters.gateDecided(
        "acme/app",
        GateDecision.of(
            List.of(
                Decision.pass("required-jobs", ""),
                Decision.fail("require-approval", "needs 1 approval"),
                Decision.fail("no-hold", "on hold"))));
    meters.gateDecided("acme/app", GateDecision.of(List.of(Decision.pass("required-jobs", ""))));

    assertThat(registry.get(LoopMeters.GATE_DECISIONS).tag("result", "blocked").counter().count())
        .isEqualTo(1.0);
    assertThat(registry.get(LoopMeters.GATE_DECISIONS).tag("result", "passed").counter().count())
        .isEqualTo(1.0);
    assertThat(registry.find(LoopMeters.GATE_POLICY_FAILURES).counters())
        .extracting(c -> c.getId().getTag("policy"))
        .containsExactlyInAnyOrder("require-approval", "no-hold");
    assertThat(
            registry.find(LoopMeters.GATE_POLICY_FAILURES).tag("policy", "required-jobs").counter())
        .isNull();
  }

  @Test
  void mergesCountByResult() {
    meters.merged("acme/app", MergeResult.merged("b".repeat(40), "merge"));
    meters.merged("acme/app", MergeResult.refused("head moved"));
    meters.merged("acme/app", MergeResult.refused("conflict"));

    assertThat(registry.get(LoopMeters.MERGES).tag("result", "merged").counter().count())
        .isEqualTo(1.0);
    assertThat(registry.get(LoopMeters.MERGES).tag("result", "refused").counter().count())
        .isEqualTo(2.0);
  }

  @Test
  void policyEvaluationsAreCountedByVerdictAndTimed() {
    meters.policyEvaluated("require-approval", Evaluation.Verdict.FAIL, 2_000);
    meters.policyEvaluated("require-approval", Evaluation.Verdict.ERROR, 3_000);
    meters.policyEvaluated("require-approval", Evaluation.Verdict.FAIL, 1_000);

    assertThat(registry.get(LoopMeters.POLICY_EVALUATIONS).tag("result", "fail").counter().count())
        .isEqualTo(2.0);
    assertThat(registry.get(LoopMeters.POLICY_EVALUATIONS).tag("result", "error").counter().count())
        .isEqualTo(1.0);
    var timer = registry.get(LoopMeters.POLICY_DURATION).tag("policy", "require-approval").timer();
    assertThat(timer.count()).isEqualTo(3);
    assertThat(timer.totalTime(TimeUnit.NANOSECONDS)).isEqualTo(6_000.0);
  }

  @Test
  void aMergedChangeRecordsTheTimeSinceItOpened() {
    meters.changeMerged("acme/app", NOW.minus(Duration.ofMinutes(90)));
    meters.changeMerged("acme/app", Instant.EPOCH); // the forge did not say: not recorded

    var timer = registry.get(LoopMeters.OPEN_TO_MERGE).tag("repo", "acme/app").timer();
    assertThat(timer.count()).isEqualTo(1);
    assertThat(timer.totalTime(TimeUnit.MINUTES)).isEqualTo(90.0);
  }
}
