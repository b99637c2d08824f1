package dev.ciorchestrator.web;

import dev.ciorchestrator.intake.IntakeGate;
import dev.ciorchestrator.intake.IntakeSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * DOWN while the intake has had no room for another body for {@code ci.intake.saturated-after}:
 * every read slot taken by slow clients, or the body memory used up. Readiness, not liveness: the
 * cause is the traffic, so the fix is fewer requests (a load balancer stops sending), not a
 * restart, which would drop what is in flight and leave the flood as it was. The event loop is
 * never blocked by a body, so this check itself is answered at once.
 */
@Readiness
@ApplicationScoped
public class IntakeReadiness implements HealthCheck {
  private final IntakeGate gate;
  private final IntakeSettings settings;

  @Inject
  public IntakeReadiness(IntakeGate gate, IntakeSettings settings) {
    this.gate = gate;
    this.settings = settings;
  }

  @Override
  public HealthCheckResponse call() {
    IntakeGate.Load load = gate.load();
    HealthCheckResponseBuilder response =
        HealthCheckResponse.named("intake")
            .status(!gate.saturated(settings.saturatedAfter()))
            .withData("bodiesReceiving", load.reads())
            .withData("maxConcurrentReads", load.maxReads())
            .withData("bytesHeld", load.bytes())
            .withData("maxInFlightBytes", load.maxBytes())
            .withData("refused", load.refused());
    load.fullSince().ifPresent(t -> response.withData("fullSince", t.toString()));
    return response.build();
  }
}
