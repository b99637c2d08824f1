package dev.ciorchestrator.forge.webhook;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The webhook secrets of a forge's connections (GitHub, Gitea), and which connections a signed body
 * comes from. A connection without a secret signs nothing: no delivery is ever taken as coming from
 * it, because an unsigned endpoint would let anyone on the network trigger reconciles.
 */
public final class WebhookSecrets {
  /**
   * One connection that can sign deliveries.
   *
   * @param bot the login the orchestrator comments as on that connection
   */
  public record Signer(String connection, String secret, String bot) {}

  private record Key(String connection, byte[] secret, String bot) {}

  private final List<Key> keys = new ArrayList<>();

  public WebhookSecrets(List<Signer> signers) {
    for (Signer s : signers) {
      if (s.secret() == null || s.secret().isEmpty()) {
        throw new IllegalArgumentException("connection '" + s.connection() + "' has no secret");
      }
      keys.add(
          new Key(
              s.connection(),
              s.secret().getBytes(StandardCharsets.UTF_8),
              s.bot().toLowerCase(Locale.ROOT)));
    }
  }

  public boolean isEmpty() {
    return keys.isEmpty();
  }

  /**
   * Every connection whose secret signs {@code body} as {@code digest}. All are checked, so the
   * time taken does not depend on which one matched; several match when they share a secret.
   */
  public Set<String> signers(byte[] body, byte[] digest) {
    Set<String> matched = new TreeSet<>();
    for (Key k : keys) {
      if (WebhookSignature.matches(k.secret(), body, digest)) {
        matched.add(k.connection());
      }
    }
    return matched;
  }

  /** Whether {@code login} is the orchestrator's own account on one of {@code connections}. */
  public boolean isBot(Set<String> connections, String login) {
    String l = login.toLowerCase(Locale.ROOT);
    return keys.stream().anyMatch(k -> connections.contains(k.connection()) && k.bot().equals(l));
  }
}
