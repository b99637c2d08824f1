package dev.ciorchestrator.runtime;

import dev.ciorchestrator.config.sync.ConfigSyncService;
import dev.ciorchestrator.config.sync.SyncStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready once a config revision runs. A later revision that fails to load keeps the last good one
 * running (Argo CD style), so it does not make the service unready; the data says why it is stale.
 */
@Readiness
@ApplicationScoped
public class ConfigReadiness implements HealthCheck {
  private final ConfigSyncService config;

  @Inject
  public ConfigReadiness(ConfigSyncService config) {
    this.config = config;
  }

  @Override
  public HealthCheckResponse call() {
    SyncStatus status = config.status();
    boolean running = !config.current().revision().isEmpty();
    HealthCheckResponseBuilder response =
        HealthCheckResponse.named("config")
            .status(running)
            .withData("state", status.state().wire())
            .withData("running", config.current().revision());
    if (!status.errors().isEmpty()) {
      response.withData("errors", status.errors().size());
    }
    return response.build();
  }
}
