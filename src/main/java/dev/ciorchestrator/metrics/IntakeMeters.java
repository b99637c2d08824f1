package dev.ciorchestrator.metrics;

import dev.ciorchestrator.intake.IntakeGate;
import dev.ciorchestrator.intake.IntakeMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** The HTTP intake: bodies in flight and refused requests by reason; see {@link IntakeMetrics}. */
@ApplicationScoped
@Startup // registers the gauges with the service, not at the first refusal
public class IntakeMeters implements IntakeMetrics {
  static final String REFUSED = "ci_orchestrator.intake.refused";
  static final String RECEIVING = "ci_orchestrator.intake.bodies.receiving";
  static final String HELD = "ci_orchestrator.intake.body.bytes";

  private final MeterRegistry registry;

  @Inject
  public IntakeMeters(MeterRegistry registry, IntakeGate gate) {
    this.registry = registry;
    Gauge.builder(RECEIVING, gate, g -> g.load().reads())
        .description("Request bodies being received now")
        .register(registry);
    Gauge.builder(HELD, gate, g -> g.load().bytes())
        .description("Bytes of request bodies held now, from first byte to answer")
        .baseUnit("bytes")
        .register(registry);
  }

  @Override
  public void refused(String reason) {
    Counter.builder(REFUSED)
        .description("Requests answered by the intake itself, by reason")
        .tag("result", reason)
        .register(registry)
        .increment();
  }
}
