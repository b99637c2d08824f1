package dev.ciorchestrator.runtime;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Says whether this instance leads, in {@code /q/health/ready}. Always up: a follower is ready too,
 * because it serves the read API and takes webhooks (the Service sends traffic to every replica).
 */
@Readiness
@ApplicationScoped
public class LeaderReadiness implements HealthCheck {
  private final ReconcileService service;

  @Inject
  public LeaderReadiness(ReconcileService service) {
    this.service = service;
  }

  @Override
  public HealthCheckResponse call() {
    HealthCheckResponseBuilder response =
        HealthCheckResponse.named("leader-election")
            .up()
            .withData("leader", service.leader())
            .withData("enabled", service.election().isPresent());
    service
        .election()
        .ifPresent(
            e ->
                response
                    .withData("identity", e.identity())
                    .withData("lease", e.lease())
                    .withData("holder", e.holder()));
    return response.build();
  }
}
