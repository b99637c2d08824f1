package dev.ciorchestrator.artifact;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What one run collected: every file with its path in the workspace, size, {@code sha256} digest
 * and media type. The input of SBOM, provenance and publishing.
 *
 * @param published a publish step pushed this set somewhere: retention keeps it
 */
public record Manifest(String runId, Instant collectedAt, List<Entry> files, boolean published) {
  public Manifest {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(collectedAt, "collectedAt");
    files = List.copyOf(files);
  }

  /**
   * @param path relative to the workspace, with {@code /} separators
   * @param digest {@code sha256:<64 hex>}
   */
  public record Entry(String path, long size, String digest, String mediaType) {
    /** The digest's lower-case hex, without {@code sha256:}. */
    public String sha256() {
      return digest.substring(digest.indexOf(':') + 1);
    }
  }

  public long totalSize() {
    return files.stream().mapToLong(Entry::size).sum();
  }

  public Manifest asPublished() {
    return new Manifest(runId, collectedAt, files, true);
  }
}
