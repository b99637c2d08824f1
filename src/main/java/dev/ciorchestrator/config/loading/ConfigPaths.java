package dev.ciorchestrator.config.loading;

import dev.ciorchestrator.config.model.ConfigFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/** Which files of a config tree are config, shared by the Git and folder sources. */
final class ConfigPaths {
  private ConfigPaths() {}

  static boolean isYaml(Path p) {
    return isYaml(p.getFileName().toString());
  }

  static boolean isYaml(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.endsWith(".yaml") || lower.endsWith(".yml");
  }

  /** Dot-folders ({@code .git}, {@code .github}) never hold ci-orchestrator config. */
  static boolean hidden(String relativePath) {
    for (String segment : relativePath.split("/")) {
      if (segment.startsWith(".")) {
        return true;
      }
    }
    return false;
  }

  /**
   * Reads at most {@link YamlLimits#MAX_FILE_BYTES} + 1 bytes: an oversized file is never read
   * whole, and the parser refuses it by its length with a clear error. The last step is never
   * followed: a file swapped for a link after it was judged fails to open instead.
   */
  static byte[] readBounded(Path p) throws IOException {
    try (InputStream in = Files.newInputStream(p, LinkOption.NOFOLLOW_LINKS)) {
      return in.readNBytes(YamlLimits.MAX_FILE_BYTES + 1);
    }
  }

  /** {@code file}'s content as the config file {@code path}, identified by its SHA-256. */
  static ConfigFile readFile(String path, Path file) throws IOException {
    byte[] content = readBounded(file);
    return new ConfigFile(path, HexFormat.of().formatHex(sha256().digest(content)), content);
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
