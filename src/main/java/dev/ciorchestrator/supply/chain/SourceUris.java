package dev.ciorchestrator.supply.chain;

import dev.ciorchestrator.config.model.Repository;
import dev.ciorchestrator.config.sync.ConfigSyncService;
import dev.ciorchestrator.forge.Forge;
import dev.ciorchestrator.forge.ForgeConnections;
import jakarta.enterprise.inject.Instance;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where a repository's source is fetched from, for the provenance's source dependency: its forge's
 * clone URL, or a {@code file://} URI for a repository of the embedded forge (a folder). Forges are
 * looked up when first asked, not at startup, so building this never starts a forge.
 */
final class SourceUris implements Function<String, Optional<String>> {
  private final ConfigSyncService config;
  private final Instance<Forge> forges;
  private final Instance<ForgeConnections> connections;
  private volatile Map<String, Forge> byId;

  SourceUris(
      ConfigSyncService config, Instance<Forge> forges, Instance<ForgeConnections> connections) {
    this.config = config;
    this.forges = forges;
    this.connections = connections;
  }

  @Override
  public Optional<String> apply(String repo) {
    Optional<Repository> repository = config.current().repository(repo);
    return repository
        .map(r -> forges().get(r.forge()))
        .flatMap(f -> f.cloneUrl(repo))
        .map(SourceUris::uri);
  }

  /** A clone URL as a URI: a local folder becomes {@code file:///...}. */
  static String uri(String cloneUrl) {
    return cloneUrl.startsWith("/") ? Path.of(cloneUrl).toUri().toString() : cloneUrl;
  }

  private Map<String, Forge> forges() {
    Map<String, Forge> known = byId;
    if (known == null) {
      Map<String, Forge> all = new HashMap<>();
      forges.forEach(f -> all.put(f.id(), f));
      connections.forEach(c -> c.forges().forEach(f -> all.put(f.id(), f)));
      known = Map.copyOf(all);
      byId = known;
    }
    return known;
  }
}
