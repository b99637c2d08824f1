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
 * Shows, per configured repository, whether its forge answers: its connection exists and it can
 * list the repository's branches; a repository the forge lacks is reported by name, so an operator
 * sees which one. It never makes the service unready: one repository's bad state (missing, renamed,
 * a forge refusing its name) must not stop the API and the webhooks of every other repository, and
 * taking every replica out of its Service during a forge outage would only lose webhooks.
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
    int unreachable = 0;
    for (Repository repository : config.current().repositories()) {
      String problem = problem(repository);
      response.withData(repository.name(), problem == null ? "reachable" : problem);
      unreachable += problem == null ? 0 : 1;
    }
    return response.withData("unreachable", unreachable).build();
  }

  /** Why the repository's forge cannot serve it, or null when it answers. */
  private String problem(Repository repository) {
    Forge forge = forges.get(repository.forge());
    if (forge == null) {
      return "no forge connection '" + repository.forge() + "'";
    }
    try {
      forge.branches(repository.name());
      return null;
    } catch (IOException | RuntimeException e) {
      return String.valueOf(e.getMessage());
    }
  }
}
