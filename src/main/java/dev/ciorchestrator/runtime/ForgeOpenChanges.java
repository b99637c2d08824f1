package dev.ciorchestrator.runtime;

import dev.ciorchestrator.config.model.ConfigSnapshot;
import dev.ciorchestrator.forge.Forge;
import dev.ciorchestrator.forge.ForgeChange;
import dev.ciorchestrator.run.MemoryRetention;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * The open changes retention must not forget, as each repository's forge lists them now: the very
 * list the reconcile loop plans from. A repository the running config does not name (removed, or no
 * config loaded yet) or whose forge does not answer is unknown, so nothing of it is forgotten.
 */
final class ForgeOpenChanges implements MemoryRetention.OpenChanges {
  private static final Logger LOG = Logger.getLogger(ForgeOpenChanges.class);

  private final Supplier<ConfigSnapshot> config;
  private final Map<String, Forge> forges;

  ForgeOpenChanges(Supplier<ConfigSnapshot> config, Map<String, Forge> forges) {
    this.config = config;
    this.forges = forges;
  }

  @Override
  public Optional<Set<Long>> of(String repo) {
    Optional<Forge> forge = config.get().repository(repo).map(r -> forges.get(r.forge()));
    if (forge.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          forge.get().openChanges(repo).stream()
              .map(ForgeChange::number)
              .collect(Collectors.toUnmodifiableSet()));
    } catch (IOException | RuntimeException e) {
      LOG.debugf(
          "retention keeps the memory of %s: its forge did not list its changes: %s", repo, e);
      return Optional.empty();
    }
  }
}
