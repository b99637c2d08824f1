package dev.ciorchestrator.forge.gitea;

import dev.ciorchestrator.config.model.Repository;
import dev.ciorchestrator.config.sync.ConfigSyncService;
import dev.ciorchestrator.forge.Forge;
import dev.ciorchestrator.forge.ForgeApiMetrics;
import dev.ciorchestrator.forge.ForgeConnections;
import dev.ciorchestrator.forge.hosted.Connections;
import dev.ciorchestrator.forge.hosted.Tokens;
import dev.ciorchestrator.forge.rest.Authorization;
import dev.ciorchestrator.forge.rest.RestClient;
import dev.ciorchestrator.forge.rest.Sleeper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Every {@code ci.forge.gitea.<id>} connection as a {@link GiteaForge}, built once on first use. A
 * connection without a token fails with the setting to fix, never with a secret.
 */
@ApplicationScoped
public class GiteaForges implements ForgeConnections {
  private final Connections<GiteaSettings.Connection, GiteaForge> connections;

  @Inject
  public GiteaForges(
      GiteaSettings settings, Clock clock, ForgeApiMetrics metrics, ConfigSyncService config) {
    this.connections =
        Connections.live(
            settings::connections,
            GiteaForges::create,
            clock,
            metrics,
            repo -> config.current().repository(repo));
  }

  @Override
  public List<Forge> forges() {
    return List.copyOf(connections.all().values());
  }

  /**
   * Builds one connection's forge.
   *
   * @param env reads environment variables (for {@code token-env})
   */
  public static GiteaForge create(
      String id,
      GiteaSettings.Connection c,
      UnaryOperator<String> env,
      Clock clock,
      ForgeApiMetrics metrics,
      Sleeper sleeper,
      Function<String, Optional<Repository>> repositories) {
    String token = Connections.requireToken("Gitea", GiteaDialect.FORGE, id, c, env);
    Authorization.Header header = new Authorization.Header("Authorization", "token " + token);
    RestClient api = Connections.rest(new GiteaDialect(), () -> header, c, clock, metrics, sleeper);
    return new GiteaForge(
        id,
        api,
        new Trust(api, clock, c.trustCacheTtl(), c.trustOrgMembers()),
        Connections.options(id, c, Tokens.cloneUrlOf(c.apiUrl())),
        () -> token,
        clock,
        repositories);
  }
}
