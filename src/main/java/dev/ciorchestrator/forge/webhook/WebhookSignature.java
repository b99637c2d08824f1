package dev.ciorchestrator.forge.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * GitHub's delivery signature: {@code X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw
 * body>}, keyed with the webhook's secret. Comparison is constant time, so the answer's timing
 * tells an attacker nothing about how much of a forged signature was right.
 */
public final class WebhookSignature {
  public static final String HEADER = "X-Hub-Signature-256";

  private static final String PREFIX = "sha256=";
  private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]{64}");
  private static final String ALGORITHM = "HmacSHA256";

  private WebhookSignature() {}

  /** The header value GitHub would send for {@code body} under {@code secret}. */
  public static String sign(String secret, byte[] body) {
    return PREFIX + HexFormat.of().formatHex(hmac(secret.getBytes(StandardCharsets.UTF_8), body));
  }

  /**
   * The digest a header value carries; empty unless it is {@code sha256=} and 64 hex digits (either
   * case).
   */
  public static Optional<byte[]> digest(String header) {
    if (header == null) {
      return Optional.empty();
    }
    String value = header.strip();
    if (!value.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
      return Optional.empty();
    }
    String hex = value.substring(PREFIX.length());
    return HEX.matcher(hex).matches()
        ? Optional.of(HexFormat.of().parseHex(hex))
        : Optional.empty();
  }

  /**
   * The digest a bare hex header carries, as Gitea and Forgejo send it ({@code X-Gitea-Signature}:
   * 64 hex digits, no prefix); empty unless it is exactly that.
   */
  public static Optional<byte[]> bareDigest(String header) {
    return header == null ? Optional.empty() : digest(PREFIX + header.strip());
  }

  /** Whether {@code digest} is the HMAC of {@code body} under {@code secret}, in constant time. */
  public static boolean matches(byte[] secret, byte[] body, byte[] digest) {
    return MessageDigest.isEqual(hmac(secret, body), digest);
  }

  static byte[] hmac(byte[] secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(secret, ALGORITHM));
      return mac.doFinal(body);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      // every JDK has HmacSHA256, and an HMAC key of any length is valid
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }
}
