package dev.ciorchestrator.forge.gitea;

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
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Every {@code ci.forge.gitea.<id>} connection as a {@link GiteaForge}, built once on first use. A
 * connection without a token fails with the setting to fix, never with a secret.
 */
@ApplicationScoped
public class GiteaForges implements ForgeConnections {
  private final GiteaSettings settings;
  private final Clock clock;
  private final ForgeApiMetrics metrics;
  private final ConfigSyncService config;
  private Map<String, GiteaForge> forges;

  @Inject
  public GiteaForges(
      GiteaSettings settings, Clock clock, ForgeApiMetrics metrics, ConfigSyncService config) {
    this.settings = settings;
    this.clock = clock;
    this.metrics = metrics;
    this.config = config;
  }

  @Override
  public synchronized List<Forge> forges() {
    if (forges == null) {
      Map<String, GiteaForge> out = new TreeMap<>();
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
    return List.copyOf(forges.values());
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
    String prefix = "ci.forge.gitea." + id + ".";
    String token =
        Tokens.resolve(prefix, c.token(), c.tokenEnv(), env)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "Gitea connection 'ci.forge.gitea."
                            + id
                            + "' has no token: set "
                            + prefix
                            + "token (or "
                            + prefix
                            + "token-env)"));
    Authorization.Header header = new Authorization.Header("Authorization", "token " + token);
    RestClient api =
        new RestClient(
            new GiteaDialect(),
            () -> header,
            RestClient.http(c.apiUrl(), c.requestTimeout()),
            new RestClient.Settings(
                c.apiUrl(),
                c.requestTimeout(),
                RestClient.guard(GiteaDialect.FORGE, c.retries(), c.retryDelay()),
                sleeper,
                clock,
                metrics,
                c.maxRateLimitWait()));
    return new GiteaForge(
        id,
        api,
        new Trust(api, clock, c.trustCacheTtl(), c.trustOrgMembers()),
        new GiteaForge.Options(
            c.bot(),
            c.cloneUrl().orElse(Tokens.cloneUrlOf(c.apiUrl())),
            c.mirrorDir().resolve(id),
            c.fullRefresh()),
        () -> token,
        clock,
        repositories);
  }
}
