package dev.ciorchestrator.supply;

import dev.ciorchestrator.artifact.FileModes;
import dev.ciorchestrator.artifact.Manifest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 of files and bytes, streamed. */
public final class Digests {
  private Digests() {}

  /** Lower-case hex SHA-256 of the file's bytes, read in 64 KiB pieces. */
  public static String sha256(Path file) throws IOException {
    MessageDigest digest = newDigest();
    byte[] buffer = new byte[64 * 1024];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        digest.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  public static String sha256(byte[] bytes) {
    return HexFormat.of().formatHex(newDigest().digest(bytes));
  }

  /**
   * A manifest entry for a file outside the store, digest and size read now.
   *
   * @param mediaType null for {@code application/octet-stream}
   */
  public static Manifest.Entry entry(String name, Path file, String mediaType) throws IOException {
    return new Manifest.Entry(
        name,
        Files.size(file),
        "sha256:" + sha256(file),
        mediaType == null ? "application/octet-stream" : mediaType,
        FileModes.of(file));
  }

  private static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
