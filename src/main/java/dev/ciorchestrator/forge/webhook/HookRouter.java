package dev.ciorchestrator.forge.webhook;

import dev.ciorchestrator.config.model.ConfigSnapshot;
import dev.ciorchestrator.config.model.Repository;
import dev.ciorchestrator.forge.ForgeEvent;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What every forge's webhook does once a delivery is known to be genuine and about a change or a
 * push: find its repository in the running config and have the loop reconcile it, if one of the
 * connections that signed it serves that repository; and ask for a config sync on a push to the
 * config repository. Acting is only ever asking, so a lost or extra delivery costs latency, never
 * correctness.
 */
public final class HookRouter {
  private final Supplier<ConfigSnapshot> config;
  private final String configRepoUrl;
  private final Consumer<ForgeEvent> events;
  private final Runnable configSync;

  /**
   * @param configRepoUrl {@code ci.config.repo-url}: a push to it asks for {@code configSync}
   * @param configSync must not block: the delivery's answer does not wait for the sync
   */
  public HookRouter(
      Supplier<ConfigSnapshot> config,
      String configRepoUrl,
      Consumer<ForgeEvent> events,
      Runnable configSync) {
    this.config = config;
    this.configRepoUrl = configRepoUrl;
    this.events = events;
    this.configSync = configSync;
  }

  /** Whether one of {@code urls} names the config repository, whatever the transport. */
  public boolean isConfigRepository(List<String> urls) {
    return urls.stream().anyMatch(u -> RepoUrls.same(u, configRepoUrl));
  }

  /** The repository of the config named {@code name} (case-insensitively, as forges name them). */
  public Optional<Repository> repository(String name) {
    return config.get().repositories().stream()
        .filter(r -> r.name().equalsIgnoreCase(name))
        .findAny();
  }

  /**
   * Reconciles {@code name} if a connection in {@code signers} serves it, and syncs the config on a
   * push to it; the 202 that says which.
   */
  public Outcome route(String name, Set<String> signers, boolean configPush, Reply reply) {
    if (configPush) {
      configSync.run();
    }
    Optional<Repository> repo = repository(name);
    if (repo.isPresent() && signers.contains(repo.get().forge())) {
      events.accept(new ForgeEvent(repo.get().forge(), repo.get().name()));
      return reply.done(
          202,
          Outcome.ACCEPTED,
          "reconciling " + repo.get().name() + (configPush ? "; config sync requested" : ""));
    }
    if (configPush) {
      return reply.done(202, Outcome.ACCEPTED, "config sync requested");
    }
    if (repo.isEmpty()) {
      return reply.done(202, Outcome.IGNORED, "repository " + name + " is not in the config");
    }
    return reply.done(
        202,
        Outcome.IGNORED,
        "repository "
            + name
            + " is served by connection '"
            + repo.get().forge()
            + "', but the delivery is signed with the secret of "
            + signers);
  }
}
