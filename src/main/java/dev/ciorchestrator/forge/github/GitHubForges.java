package dev.ciorchestrator.forge.github;

import dev.ciorchestrator.config.sync.ConfigSyncService;
import dev.ciorchestrator.forge.Forge;
import dev.ciorchestrator.forge.ForgeApiMetrics;
import dev.ciorchestrator.forge.ForgeConnections;
import dev.ciorchestrator.forge.hosted.Connections;
import dev.ciorchestrator.forge.hosted.Tokens;
import dev.ciorchestrator.forge.rest.RestClient;
import dev.ciorchestrator.forge.rest.Sleeper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Every {@code ci.forge.github.<id>} connection as a {@link GitHubForge}, built once on first use.
 * A connection without usable credentials fails with the setting to fix, never with a secret.
 */
@ApplicationScoped
public class GitHubForges implements ForgeConnections {
  private final Connections<GitHubSettings.Connection, GitHubForge> connections;

  @Inject
  public GitHubForges(
      GitHubSettings settings, Clock clock, ForgeApiMetrics metrics, ConfigSyncService config) {
    this.connections =
        Connections.live(
            settings::connections,
            GitHubForges::create,
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
  public static GitHubForge create(
      String id,
      GitHubSettings.Connection c,
      UnaryOperator<String> env,
      Clock clock,
      ForgeApiMetrics metrics,
      Sleeper sleeper,
      Function<String, Optional<dev.ciorchestrator.config.model.Repository>> repositories) {
    String prefix = Connections.prefix(GitHubApi.FORGE, id);
    GitHubApi api =
        new GitHubApi(
            credentials(prefix, c, env, clock),
            RestClient.http(c.apiUrl(), c.requestTimeout()),
            Connections.settings(new GitHubDialect(), c, clock, metrics, sleeper));
    Membership membership =
        new Membership(api, clock, c.trustCacheTtl(), c.trustOrgMembers(), c.trustCollaborators());
    return new GitHubForge(
        id,
        api,
        membership,
        Connections.options(id, c, defaultCloneUrl(c.apiUrl())),
        clock,
        repositories);
  }

  /** {@code https://github.com/{repo}.git}, or the Enterprise host's for {@code HOST/api/v3}. */
  static String defaultCloneUrl(URI api) {
    if ("api.github.com".equalsIgnoreCase(api.getHost())) {
      return "https://github.com/{repo}.git";
    }
    return Tokens.cloneUrlOf(api);
  }

  private static Credentials credentials(
      String prefix, GitHubSettings.Connection c, UnaryOperator<String> env, Clock clock) {
    Optional<String> token = Tokens.resolve(prefix, c.token(), c.tokenEnv(), env);
    if (token.isPresent()) {
      return Credentials.token(token.get());
    }
    if (c.appId().isPresent() || c.installationId().isPresent() || c.privateKeyFile().isPresent()) {
      if (c.appId().isEmpty() || c.installationId().isEmpty() || c.privateKeyFile().isEmpty()) {
        throw new IllegalStateException(
            prefix
                + "app-id, "
                + prefix
                + "installation-id and "
                + prefix
                + "private-key-file must all be set for a GitHub App");
      }
      String file = c.privateKeyFile().get().toString();
      try {
        return new AppCredentials(
            c.appId().get(),
            c.installationId().get(),
            AppJwt.readPem(Files.readString(c.privateKeyFile().get()), file),
            clock);
      } catch (IOException e) {
        throw new UncheckedIOException(prefix + "private-key-file: " + e.getMessage(), e);
      }
    }
    throw new IllegalStateException(
        "GitHub connection '"
            + prefix.substring(0, prefix.length() - 1)
            + "' has no credentials: set "
            + prefix
            + "token (or "
            + prefix
            + "token-env), or the App settings app-id, installation-id and private-key-file");
  }
}
