package dev.ciorchestrator.config.model;

import java.util.Objects;

/**
 * One YAML file of a config revision. {@code blobId} identifies the content (the Git blob id, or a
 * content hash for plain folders), so a reload can reuse what it parsed from an unchanged file.
 */
public record ConfigFile(String path, String blobId, byte[] content) {
  public ConfigFile {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(blobId, "blobId");
    Objects.requireNonNull(content, "content");
  }
}
