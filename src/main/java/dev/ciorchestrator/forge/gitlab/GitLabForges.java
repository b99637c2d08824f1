package dev.ciorchestrator.forge.gitlab;

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
 * Every {@code ci.forge.gitlab.<id>} connection as a {@link GitLabForge}, built once on first use.
 * A connection without a token fails with the setting to fix, never with a secret.
 */
@ApplicationScoped
public class GitLabForges implements ForgeConnections {
  private final Connections<GitLabSettings.Connection, GitLabForge> connections;

  @Inject
  public GitLabForges(
      GitLabSettings settings, Clock clock, ForgeApiMetrics metrics, ConfigSyncService config) {
    this.connections =
        Connections.live(
            settings::connections,
            GitLabForges::create,
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
  public static GitLabForge create(
      String id,
      GitLabSettings.Connection c,
      UnaryOperator<String> env,
      Clock clock,
      ForgeApiMetrics metrics,
      Sleeper sleeper,
      Function<String, Optional<Repository>> repositories) {
    String token = Connections.requireToken("GitLab", GitLabDialect.FORGE, id, c, env);
    Authorization.Header header =
        c.auth() == GitLabSettings.Auth.BEARER
            ? new Authorization.Header("Authorization", "Bearer " + token)
            : new Authorization.Header("PRIVATE-TOKEN", token);
    RestClient api =
        Connections.rest(new GitLabDialect(), () -> header, c, clock, metrics, sleeper);
    return new GitLabForge(
        id,
        api,
        new ProjectMembers(api, clock, c.trustCacheTtl(), c.trustMinAccessLevel()),
        Connections.options(id, c, Tokens.cloneUrlOf(c.apiUrl())),
        () -> token,
        clock,
        repositories);
  }
}
