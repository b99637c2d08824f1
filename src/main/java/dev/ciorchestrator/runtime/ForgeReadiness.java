package dev.ciorchestrator.runtime;

import dev.ciorchestrator.config.model.Repository;
import dev.ciorchestrator.config.sync.ConfigSyncService;
import dev.ciorchestrator.forge.Forge;
import dev.ciorchestrator.forge.ForgeConnections;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when the forge of every configured repository answers: its connection exists and it can
 * list the repository's branches. A repository the config names but the forge lacks is reported by
 * name, so an operator sees which one.
 */
@Readiness
@ApplicationScoped
public class ForgeReadiness implements HealthCheck {
  private final ConfigSyncService config;
  private final Map<String, Forge> forges = new HashMap<>();

  @Inject
  public ForgeReadiness(
      ConfigSyncService config, Instance<Forge> forges, Instance<ForgeConnections> connections) {
    this.config = config;
    forges.forEach(f -> this.forges.put(f.id(), f));
    connections.forEach(c -> c.forges().forEach(f -> this.forges.put(f.id(), f)));
  }

  @Override
  public HealthCheckResponse call() {
    HealthCheckResponseBuilder response = HealthCheckResponse.named("forge").up();
    for (Repository repository : config.current().repositories()) {
      Forge forge = forges.get(repository.forge());
      if (forge == null) {
        response
            .down()
            .withData(repository.name(), "no forge connection '" + repository.forge() + "'");
        continue;
      }
      try {
        forge.branches(repository.name());
        response.withData(repository.name(), "reachable");
      } catch (IOException | RuntimeException e) {
        response.down().withData(repository.name(), String.valueOf(e.getMessage()));
      }
    }
    return response.build();
  }
}
