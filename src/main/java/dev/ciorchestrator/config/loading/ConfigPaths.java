package dev.ciorchestrator.config.loading;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
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
   * whole, and the parser refuses it by its length with a clear error.
   */
  static byte[] readBounded(Path p) throws IOException {
    try (InputStream in = Files.newInputStream(p)) {
      return in.readNBytes(YamlLimits.MAX_FILE_BYTES + 1);
    }
  }
}
