package dev.ciorchestrator.forge.hosted;

import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A connection's token, from its setting or from the environment variable its {@code token-env}
 * names; a failure names the setting to fix, never the secret.
 */
public final class Tokens {
  private Tokens() {}

  /**
   * @param prefix the connection's settings prefix, {@code ci.forge.<kind>.<id>.}
   * @param env reads environment variables
   * @return the token; empty when neither is set
   */
  public static Optional<String> resolve(
      String prefix, Optional<String> token, Optional<String> tokenEnv, UnaryOperator<String> env) {
    Optional<String> given = token.filter(t -> !t.isBlank());
    if (given.isPresent() || tokenEnv.isEmpty()) {
      return given.map(String::strip);
    }
    String name = tokenEnv.get();
    Optional<String> fromEnv = Optional.ofNullable(env.apply(name)).filter(t -> !t.isBlank());
    if (fromEnv.isEmpty()) {
      throw new IllegalStateException(
          prefix + "token-env names " + name + ", which is not set or empty");
    }
    return fromEnv.map(String::strip);
  }

  /** {@code https://HOST[:port]/{repo}.git} for an API at {@code https://HOST[:port]/...}. */
  public static String cloneUrlOf(java.net.URI api) {
    String port = api.getPort() < 0 ? "" : ":" + api.getPort();
    return api.getScheme() + "://" + api.getHost() + port + "/{repo}.git";
  }
}
