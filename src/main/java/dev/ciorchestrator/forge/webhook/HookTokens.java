package dev.ciorchestrator.forge.webhook;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The plain webhook tokens of a forge's connections (GitLab's {@code X-Gitlab-Token}), and which
 * connections a presented token belongs to. Every token is compared, each in constant time over
 * digests of equal length, so neither which one matched nor how much of a guess was right shows in
 * the answer's timing. A connection without a token authenticates nothing.
 */
public final class HookTokens {
  /**
   * One connection that can authenticate deliveries.
   *
   * @param bot the username the orchestrator writes as on that connection
   */
  public record Holder(String connection, String token, String bot) {}

  private record Key(String connection, byte[] digest, String bot) {}

  private final List<Key> keys = new ArrayList<>();

  public HookTokens(List<Holder> holders) {
    for (Holder h : holders) {
      if (h.token() == null || h.token().isEmpty()) {
        throw new IllegalArgumentException("connection '" + h.connection() + "' has no token");
      }
      keys.add(new Key(h.connection(), digest(h.token()), h.bot().toLowerCase(Locale.ROOT)));
    }
  }

  public boolean isEmpty() {
    return keys.isEmpty();
  }

  /** Every connection whose token is {@code presented}; empty when none is. */
  public Set<String> holders(String presented) {
    byte[] d = digest(presented);
    Set<String> matched = new TreeSet<>();
    for (Key k : keys) {
      if (MessageDigest.isEqual(k.digest(), d)) {
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

  private static byte[] digest(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
