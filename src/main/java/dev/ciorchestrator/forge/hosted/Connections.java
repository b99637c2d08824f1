package dev.ciorchestrator.forge.hosted;

import dev.ciorchestrator.config.model.Repository;
import dev.ciorchestrator.forge.ForgeApiMetrics;
import dev.ciorchestrator.forge.rest.Authorization;
import dev.ciorchestrator.forge.rest.Dialect;
import dev.ciorchestrator.forge.rest.RestClient;
import dev.ciorchestrator.forge.rest.Sleeper;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Builds hosted forge connections the same way whatever the forge: each {@code
 * ci.forge.<kind>.<id>} once, on first use, in id order; its token resolved with a failure that
 * names the setting; its REST client from the connection's timeouts, retries and rate-limit wait.
 *
 * @param <C> the kind's connection settings
 * @param <F> the kind's forge
 */
public final class Connections<C extends HostedConnection, F> {
  private final Supplier<Map<String, C>> settings;
  private final BiFunction<String, C, F> create;
  private Map<String, F> built;

  public Connections(Supplier<Map<String, C>> settings, BiFunction<String, C, F> create) {
    this.settings = settings;
    this.create = create;
  }

  /** How a kind builds one connection's forge (its {@code create}). */
  @FunctionalInterface
  public interface Factory<C, F> {
    /**
     * @param env reads environment variables (for {@code token-env})
     * @param repositories the running config's repository of a name
     */
    F create(
        String id,
        C c,
        UnaryOperator<String> env,
        Clock clock,
        ForgeApiMetrics metrics,
        Sleeper sleeper,
        Function<String, Optional<Repository>> repositories);
  }

  /** The service's connections: the real environment, real sleeps, the running config. */
  public static <C extends HostedConnection, F> Connections<C, F> live(
      Supplier<Map<String, C>> settings,
      Factory<C, F> factory,
      Clock clock,
      ForgeApiMetrics metrics,
      Function<String, Optional<Repository>> repositories) {
    return new Connections<>(
        settings,
        (id, c) ->
            factory.create(id, c, System::getenv, clock, metrics, Sleeper.REAL, repositories));
  }

  /** Every connection's forge by id, built on the first call. */
  public synchronized Map<String, F> all() {
    if (built == null) {
      Map<String, F> out = new TreeMap<>();
      new TreeMap<>(settings.get()).forEach((id, c) -> out.put(id, create.apply(id, c)));
      built = out;
    }
    return built;
  }

  public Optional<F> get(String id) {
    return Optional.ofNullable(all().get(id));
  }

  /** {@code ci.forge.<kind>.<id>.}, the prefix every message about a connection names. */
  public static String prefix(String kind, String id) {
    return "ci.forge." + kind + "." + id + ".";
  }

  /** The connection's token (its setting, or the variable {@code token-env} names). */
  public static Optional<String> token(
      String kind, String id, HostedConnection c, UnaryOperator<String> env) {
    return Tokens.resolve(prefix(kind, id), c.token(), c.tokenEnv(), env);
  }

  /**
   * As {@link #token}, failing with the settings to set when there is none.
   *
   * @param label the forge's name for people ({@code GitLab})
   */
  public static String requireToken(
      String label, String kind, String id, HostedConnection c, UnaryOperator<String> env) {
    String prefix = prefix(kind, id);
    return token(kind, id, c, env)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    label
                        + " connection '"
                        + prefix.substring(0, prefix.length() - 1)
                        + "' has no token: set "
                        + prefix
                        + "token (or "
                        + prefix
                        + "token-env)"));
  }

  /** The connection's REST client in {@code dialect}, authorized by {@code header}. */
  public static RestClient rest(
      Dialect dialect,
      Authorization header,
      HostedConnection c,
      Clock clock,
      ForgeApiMetrics metrics,
      Sleeper sleeper) {
    return new RestClient(
        dialect,
        header,
        RestClient.http(c.apiUrl(), c.requestTimeout()),
        settings(dialect, c, clock, metrics, sleeper));
  }

  public static RestClient.Settings settings(
      Dialect dialect, HostedConnection c, Clock clock, ForgeApiMetrics metrics, Sleeper sleeper) {
    return new RestClient.Settings(
        c.apiUrl(),
        c.requestTimeout(),
        RestClient.guard(dialect.forge(), c.retries(), c.retryDelay()),
        sleeper,
        clock,
        metrics,
        c.maxRateLimitWait());
  }

  /** The adapter's own options: its mirrors under {@code mirror-dir/<id>}. */
  public static HostedForge.Options options(String id, HostedConnection c, String defaultClone) {
    return new HostedForge.Options(
        c.bot(), c.cloneUrl().orElse(defaultClone), c.mirrorDir().resolve(id), c.fullRefresh());
  }
}
