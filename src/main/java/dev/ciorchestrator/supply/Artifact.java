package dev.ciorchestrator.supply;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One collected file as the supply chain sees it.
 *
 * @param name its path under the workspace ({@code bin/hello}): the provenance subject's name and
 *     the OCI layer's title
 * @param file where its bytes are now
 * @param sha256 lower-case hex digest of the bytes
 * @param size in bytes
 * @param mediaType e.g. {@code application/octet-stream}
 */
public record Artifact(String name, Path file, String sha256, long size, String mediaType) {
  public Artifact {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(file, "file");
    if (sha256 == null || !sha256.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException(name + ": sha256 must be 64 lower-case hex digits");
    }
    mediaType = mediaType == null || mediaType.isBlank() ? "application/octet-stream" : mediaType;
  }

  /** {@code sha256:<hex>}, as OCI writes digests. */
  public String digest() {
    return "sha256:" + sha256;
  }
}
