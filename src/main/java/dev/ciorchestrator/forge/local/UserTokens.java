package dev.ciorchestrator.forge.local;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The embedded forge's people and their API tokens: whose token a request presents. Only SHA-256
 * digests are kept, and a lookup compares the presented token's digest with every user's by {@link
 * MessageDigest#isEqual} without stopping at a match, so neither the time taken nor an early exit
 * tells how much of a token was right or whose it nearly was.
 */
public final class UserTokens {
  private final Map<String, byte[]> digests;

  private UserTokens(Map<String, byte[]> digests) {
    this.digests = digests;
  }

  /**
   * @param tokens per login (lower case), each token unique
   * @throws IllegalArgumentException when two logins share a token: a request would then act as
   *     either
   */
  public static UserTokens of(Map<String, String> tokens) {
    Map<String, byte[]> digests = new LinkedHashMap<>();
    Map<String, String> owners = new LinkedHashMap<>();
    tokens.forEach(
        (login, token) -> {
          String other = owners.putIfAbsent(token, login);
          if (other != null) {
            throw new IllegalArgumentException(
                "ci.forge.local.tokens: " + other + " and " + login + " have the same token");
          }
          digests.put(login, digest(token));
        });
    return new UserTokens(Map.copyOf(digests));
  }

  /** The login whose token {@code token} is; empty for a token nobody has. */
  public Optional<String> login(String token) {
    byte[] presented = digest(token);
    String found = null;
    for (Map.Entry<String, byte[]> e : digests.entrySet()) {
      if (MessageDigest.isEqual(e.getValue(), presented)) {
        found = e.getKey();
      }
    }
    return Optional.ofNullable(found);
  }

  /**
   * An HMAC-SHA256 of {@code message} keyed with the digest of {@code login}'s token, so what it
   * signs (a browser session) holds only while that token does; empty for a login without one. The
   * digest never leaves this class, and a signature does not reveal it.
   */
  public Optional<byte[]> sign(String login, byte[] message) {
    byte[] key = digests.get(login);
    if (key == null) {
      return Optional.empty();
    }
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return Optional.of(mac.doFinal(message));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JDK has HmacSHA256", e);
    }
  }

  /** Every login with a token, sorted. */
  public List<String> logins() {
    return digests.keySet().stream().sorted().toList();
  }

  private static byte[] digest(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
