package dev.ciorchestrator.metrics;

import dev.ciorchestrator.domain.Decision;
import dev.ciorchestrator.forge.MergeResult;
import dev.ciorchestrator.policy.Evaluation;
import dev.ciorchestrator.reconcile.GateDecision;
import dev.ciorchestrator.reconcile.LoopLiveness;
import dev.ciorchestrator.reconcile.LoopMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The reconcile loop's meters: pass durations, errors and spent budgets per repository, published
 * gate decisions, failing policies, merge attempts, and how long the loop has been stuck. A gate
 * decision counts when the console logs it (see {@link LoopMetrics#gateDecided}), so neither
 * re-planning an unchanged change nor a gate's steps while jobs run inflate the counts.
 */
@ApplicationScoped
public class LoopMeters implements LoopMetrics {
  static final String RECONCILE_DURATION = "ci_orchestrator.reconcile.duration";
  static final String RECONCILE_ERRORS = "ci_orchestrator.reconcile.errors";
  static final String GATE_DECISIONS = "ci_orchestrator.gate.decisions";
  static final String GATE_POLICY_FAILURES = "ci_orchestrator.gate.policy.failures";
  static final String MERGES = "ci_orchestrator.merges";
  static final String OPEN_TO_MERGE = "ci_orchestrator.change.open.to.merge";
  static final String POLICY_EVALUATIONS = "ci_orchestrator.policy.evaluations";
  static final String POLICY_DURATION = "ci_orchestrator.policy.evaluation.duration";
  static final String STALL = "ci_orchestrator.reconcile.stall";
  static final String BUDGET_EXHAUSTED = "ci_orchestrator.reconcile.budget.exhausted";

  private final MeterRegistry registry;
  private final Clock clock;
  private final AtomicReference<Supplier<LoopLiveness>> liveness = new AtomicReference<>();

  @Inject
  public LoopMeters(MeterRegistry registry, Clock clock) {
    this.registry = registry;
    this.clock = clock;
    Gauge.builder(STALL, liveness, this::stalledSeconds)
        .description(
            "Seconds the reconcile loop has had work without getting anything done; 0 while it keeps up")
        .baseUnit("seconds")
        .register(registry);
  }

  @Override
  public void watchLiveness(Supplier<LoopLiveness> loop) {
    liveness.set(loop);
  }

  private double stalledSeconds(AtomicReference<Supplier<LoopLiveness>> watched) {
    Supplier<LoopLiveness> loop = watched.get();
    return loop == null ? 0 : loop.get().stuckFor(clock.instant()).toMillis() / 1000.0;
  }

  @Override
  public void passFinished(String repo, Duration took, boolean failed) {
    Buckets.PASSES
        .on(
            Timer.builder(RECONCILE_DURATION)
                .description("Time of one reconcile pass over one repository")
                .tag("repo", repo))
        .register(registry)
        .record(took);
    Counter errors =
        Counter.builder(RECONCILE_ERRORS)
            .description("Reconcile passes that failed")
            .tag("repo", repo)
            .register(registry); // registered at 0, so a rate() sees the first error
    if (failed) {
      errors.increment();
    }
  }

  @Override
  public void budgetSpent(String repo, int carried) {
    Counter.builder(BUDGET_EXHAUSTED)
        .description(
            "Reconcile passes that spent their time budget and left changes for the next pass")
        .tag("repo", repo)
        .register(registry)
        .increment();
  }

  @Override
  public void gateDecided(String repo, GateDecision gate) {
    Counter.builder(GATE_DECISIONS)
        .description("Gate decisions published as the ci/gate status")
        .tags("repo", repo, "result", gate.pass() ? "passed" : "blocked")
        .register(registry)
        .increment();
    for (Decision failing : gate.failing()) {
      Counter.builder(GATE_POLICY_FAILURES)
          .description("Failing policies in published gate decisions")
          .tags("repo", repo, "policy", failing.policy())
          .register(registry)
          .increment();
    }
  }

  @Override
  public void merged(String repo, MergeResult result) {
    Counter.builder(MERGES)
        .description("Merge attempts by their result")
        .tags("repo", repo, "result", result.merged() ? "merged" : "refused")
        .register(registry)
        .increment();
  }

  @Override
  public void policyEvaluated(String policy, Evaluation.Verdict verdict, long nanos) {
    Counter.builder(POLICY_EVALUATIONS)
        .description(
            "Policy evaluations by verdict (pass, fail, skip, error: an error fails closed)")
        .tags("policy", policy, "result", verdict.name().toLowerCase(Locale.ROOT))
        .register(registry)
        .increment();
    Buckets.POLICIES
        .on(
            Timer.builder(POLICY_DURATION)
                .description("Time of one policy evaluation (match, rule and message)")
                .tag("policy", policy))
        .register(registry)
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public void changeMerged(String repo, Instant openedAt) {
    Duration took = Duration.between(openedAt, clock.instant());
    if (openedAt.equals(Instant.EPOCH) || took.isNegative()) {
      return; // a forge that does not say when the change opened
    }
    Buckets.CHANGES
        .on(
            Timer.builder(OPEN_TO_MERGE)
                .description("Time from a change being opened to its merge by the orchestrator")
                .tag("repo", repo))
        .register(registry)
        .record(took);
  }
}
