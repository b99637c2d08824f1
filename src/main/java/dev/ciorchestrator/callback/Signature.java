package dev.ciorchestrator.callback;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The HMAC-SHA256 signature of a report body, in the header {@value #HEADER} as {@code
 * sha256=<lowercase hex>} (the shape GitHub's webhooks use, so receivers can reuse their code).
 */
public final class Signature {
  public static final String HEADER = "X-CI-Orchestrator-Signature-256";
  public static final String EVENT_HEADER = "X-CI-Orchestrator-Event";
  public static final String DELIVERY_HEADER = "X-CI-Orchestrator-Delivery";
  private static final String ALGORITHM = "HmacSHA256";
  private static final String PREFIX = "sha256=";

  private Signature() {}

  /** The header value for {@code body} signed with {@code secret} (its UTF-8 bytes). */
  public static String of(String secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
      return PREFIX + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      // every Java platform has HmacSHA256, and any non-empty key is valid for it
      throw new IllegalStateException(e);
    }
  }

  /** Whether {@code header} signs {@code body}; compared in constant time. */
  public static boolean verify(String secret, byte[] body, String header) {
    if (header == null) {
      return false;
    }
    return MessageDigest.isEqual(
        of(secret, body).getBytes(StandardCharsets.US_ASCII),
        header.getBytes(StandardCharsets.US_ASCII));
  }
}
