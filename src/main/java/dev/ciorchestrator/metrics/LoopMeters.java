package dev.ciorchestrator.metrics;

import dev.ciorchestrator.domain.Decision;
import dev.ciorchestrator.forge.MergeResult;
import dev.ciorchestrator.reconcile.GateDecision;
import dev.ciorchestrator.reconcile.LoopMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;

/**
 * The reconcile loop's meters: pass durations and errors per repository, published gate decisions,
 * failing policies and merge attempts. A gate decision counts when the console logs it (see {@link
 * LoopMetrics#gateDecided}), so neither re-planning an unchanged change nor a gate's steps while
 * jobs run inflate the counts.
 */
@ApplicationScoped
public class LoopMeters implements LoopMetrics {
  static final String RECONCILE_DURATION = "ci_orchestrator.reconcile.duration";
  static final String RECONCILE_ERRORS = "ci_orchestrator.reconcile.errors";
  static final String GATE_DECISIONS = "ci_orchestrator.gate.decisions";
  static final String GATE_POLICY_FAILURES = "ci_orchestrator.gate.policy.failures";
  static final String MERGES = "ci_orchestrator.merges";

  private final MeterRegistry registry;

  @Inject
  public LoopMeters(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void passFinished(String repo, Duration took, boolean failed) {
    Timer.builder(RECONCILE_DURATION)
        .description("Time of one reconcile pass over one repository")
        .tag("repo", repo)
        .publishPercentileHistogram()
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
}
