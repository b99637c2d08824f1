package dev.ciorchestrator.upload;

import dev.ciorchestrator.persist.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Per-run upload tokens: an HMAC-SHA256 of the run id under a controller secret. A token names its
 * run, so it is worth nothing for another one, and needs no storage: any replica with the same key
 * checks it. Whether the run may still upload (not terminal) is decided by the caller, from the
 * run's record.
 */
public final class UploadTokens {
  private static final String DOMAIN = "ci-orchestrator run upload v1\n";
  private static final int KEY_BYTES = 32;

  private final byte[] key;

  public UploadTokens(byte[] key) {
    if (key.length < 16) {
      throw new IllegalArgumentException("an upload key needs at least 16 bytes");
    }
    this.key = key.clone();
  }

  /**
   * The key given as text (a setting from a Secret), or else the one kept in {@code file}, made on
   * first use with {@code 0600}.
   */
  public static UploadTokens of(String configured, Path file) throws IOException {
    if (configured != null && !configured.isBlank()) {
      return new UploadTokens(configured.strip().getBytes(StandardCharsets.UTF_8));
    }
    if (!Files.exists(file)) {
      byte[] fresh = new byte[KEY_BYTES];
      new SecureRandom().nextBytes(fresh);
      Files.createDirectories(file.toAbsolutePath().getParent());
      AtomicFiles.replace(file, HexFormat.of().formatHex(fresh).getBytes(StandardCharsets.UTF_8));
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }
    return new UploadTokens(Files.readString(file).strip().getBytes(StandardCharsets.UTF_8));
  }

  /** The token that lets {@code runId}'s pod upload, and nothing else. */
  public String mint(String runId) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      byte[] sum = mac.doFinal((DOMAIN + runId).getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(sum);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JDK has HmacSHA256", e);
    }
  }

  /** Whether {@code token} is {@code runId}'s, compared in constant time. */
  public boolean valid(String runId, String token) {
    return token != null
        && MessageDigest.isEqual(
            mint(runId).getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8));
  }
}
