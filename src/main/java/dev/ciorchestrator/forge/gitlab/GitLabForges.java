package dev.ciorchestrator.forge.gitlab;

import dev.ciorchestrator.config.model.Repository;
import dev.ciorchestrator.config.sync.ConfigSyncService;
import dev.ciorchestrator.forge.Forge;
import dev.ciorchestrator.forge.ForgeApiMetrics;
import dev.ciorchestrator.forge.ForgeConnections;
import dev.ciorchestrator.forge.hosted.Tokens;
import dev.ciorchestrator.forge.rest.Authorization;
import dev.ciorchestrator.forge.rest.RestClient;
import dev.ciorchestrator.forge.rest.Sleeper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Every {@code ci.forge.gitlab.<id>} connection as a {@link GitLabForge}, built once on first use.
 * A connection without a token fails with the setting to fix, never with a secret.
 */
@ApplicationScoped
public class GitLabForges implements ForgeConnections {
  private final GitLabSettings settings;
  private final Clock clock;
  private final ForgeApiMetrics metrics;
  private final ConfigSyncService config;
  private Map<String, GitLabForge> forges;

  @Inject
  public GitLabForges(
      GitLabSettings settings, Clock clock, ForgeApiMetrics metrics, ConfigSyncService config) {
    this.settings = settings;
    this.clock = clock;
    this.metrics = metrics;
    this.config = config;
  }

  @Override
  public synchronized List<Forge> forges() {
    return List.copyOf(built().values());
  }

  /** The connection {@code id}'s forge, for its webhook deliveries. */
  public synchronized Optional<GitLabForge> forge(String id) {
    return Optional.ofNullable(built().get(id));
  }

  private Map<String, GitLabForge> built() {
    if (forges == null) {
      Map<String, GitLabForge> out = new TreeMap<>();
      settings
          .connections()
          .forEach(
              (id, c) ->
                  out.put(
                      id,
                      create(
                          id,
                          c,
                          System::getenv,
                          clock,
                          metrics,
                          Sleeper.REAL,
                          repo -> config.current().repository(repo))));
      forges = out;
    }
    return forges;
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
    String prefix = "ci.forge.gitlab." + id + ".";
    String token =
        Tokens.resolve(prefix, c.token(), c.tokenEnv(), env)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "GitLab connection 'ci.forge.gitlab."
                            + id
                            + "' has no token: set "
                            + prefix
                            + "token (or "
                            + prefix
                            + "token-env)"));
    Authorization.Header header =
        c.auth() == GitLabSettings.Auth.BEARER
            ? new Authorization.Header("Authorization", "Bearer " + token)
            : new Authorization.Header("PRIVATE-TOKEN", token);
    RestClient api =
        new RestClient(
            new GitLabDialect(),
            () -> header,
            RestClient.http(c.apiUrl(), c.requestTimeout()),
            new RestClient.Settings(
                c.apiUrl(),
                c.requestTimeout(),
                RestClient.guard(GitLabDialect.FORGE, c.retries(), c.retryDelay()),
                sleeper,
                clock,
                metrics,
                c.maxRateLimitWait()));
    ProjectMembers members =
        new ProjectMembers(api, clock, c.trustCacheTtl(), c.trustMinAccessLevel());
    return new GitLabForge(
        id,
        api,
        members,
        new GitLabForge.Options(
            c.bot(),
            c.cloneUrl().orElse(defaultCloneUrl(c.apiUrl())),
            c.mirrorDir().resolve(id),
            c.fullRefresh()),
        () -> token,
        clock,
        repositories);
  }

  /** {@code https://HOST/{repo}.git} for an API at {@code https://HOST/api/v4}. */
  static String defaultCloneUrl(URI api) {
    return Tokens.cloneUrlOf(api);
  }

  /** Whether a connection is configured at all, without building any: for the webhook's warning. */
  static List<String> ids(GitLabSettings settings) {
    return new ArrayList<>(new TreeMap<>(settings.connections()).keySet());
  }
}
