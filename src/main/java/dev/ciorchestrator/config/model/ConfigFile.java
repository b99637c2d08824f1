package dev.ciorchestrator.config.model;

import java.util.Objects;

/**
 * One YAML file of a config revision. {@code blobId} identifies the content (the Git blob id, or a
 * content hash for plain folders), so a reload can reuse what it parsed from an unchanged file.
 *
 * @param refusal why the source would not read this file (a symbolic link out of the config folder,
 *     say), or empty for a file that was read; a refused file has no content, so nothing of what it
 *     points at can reach an error, a log line or the API
 */
public record ConfigFile(String path, String blobId, byte[] content, String refusal) {
  public ConfigFile {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(blobId, "blobId");
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(refusal, "refusal");
  }

  public ConfigFile(String path, String blobId, byte[] content) {
    this(path, blobId, content, "");
  }

  /** A file the source found but would not read, and why; loading it is an error at its path. */
  public static ConfigFile refused(String path, String reason) {
    return new ConfigFile(path, "refused:" + reason, new byte[0], reason);
  }

  public boolean isRefused() {
    return !refusal.isEmpty();
  }
}
