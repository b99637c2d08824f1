package dev.ciorchestrator.cache;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What a cache version is for: repository, cache name, toolchain (the job's image and executor),
 * the hash of the job's key files, and the scope that may read it. Its {@link #id()} names the
 * cache's folder.
 */
public record CacheKey(
    String repo, String name, String toolchain, String filesHash, CacheScope scope) {
  /** The same key in another scope (an untrusted run restores the trusted one). */
  public CacheKey in(CacheScope other) {
    return new CacheKey(repo, name, toolchain, filesHash, other);
  }

  /** A SHA-256 of the parts, each length-prefixed so that no two keys share an id. */
  public String id() {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (String part : new String[] {repo, name, toolchain, filesHash, scope.wire()}) {
        byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
        sha.update((bytes.length + ":").getBytes(StandardCharsets.UTF_8));
        sha.update(bytes);
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
