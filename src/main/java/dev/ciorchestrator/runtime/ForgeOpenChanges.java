package dev.ciorchestrator.runtime;

import dev.ciorchestrator.config.model.ConfigSnapshot;
import dev.ciorchestrator.forge.Forge;
import dev.ciorchestrator.forge.ForgeChange;
import dev.ciorchestrator.run.MemoryRetention;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Which changes retention may forget, for one pass: a change the loop plans now (it is on the
 * {@link dev.ciorchestrator.reconcile.ChangeBoard}) is open, without asking; of any other, its
 * repository's forge is asked, once a pass, for the very list the loop plans from. A repository the
 * running config does not name (removed, or no config loaded yet) or whose forge does not answer is
 * unknown, so nothing of it is forgotten.
 */
final class ForgeOpenChanges implements MemoryRetention.OpenChanges {
  private static final Logger LOG = Logger.getLogger(ForgeOpenChanges.class);

  private final Supplier<ConfigSnapshot> config;
  private final Map<String, Forge> forges;
  private final BiPredicate<String, Long> planned;
  private final Map<String, Optional<Set<Long>>> listed = new HashMap<>();

  /**
   * @param planned whether the loop plans the change now: an open change, however old its memory,
   *     costs no forge call
   */
  ForgeOpenChanges(
      Supplier<ConfigSnapshot> config,
      Map<String, Forge> forges,
      BiPredicate<String, Long> planned) {
    this.config = config;
    this.forges = forges;
    this.planned = planned;
  }

  @Override
  public boolean closed(String repo, long change) {
    if (planned.test(repo, change)) {
      return false;
    }
    return listed.computeIfAbsent(repo, this::list).map(o -> !o.contains(change)).orElse(false);
  }

  private Optional<Set<Long>> list(String repo) {
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
