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
   * @param mode the file's permission bits ({@code 0755} for an executable); a manifest written
   *     before modes were recorded reads as {@link #DEFAULT_MODE}
   */
  public record Entry(String path, long size, String digest, String mediaType, int mode) {
    /** A plain file's mode: what an entry without one gets. */
    public static final int DEFAULT_MODE = 0644;

    public Entry {
      mode = mode == 0 ? DEFAULT_MODE : mode & 0777;
    }

    /** An entry with the {@link #DEFAULT_MODE}. */
    public Entry(String path, long size, String digest, String mediaType) {
      this(path, size, digest, mediaType, DEFAULT_MODE);
    }

    /** The mode as {@code chmod} writes it: {@code 0755}. */
    public String octalMode() {
      return "0%o".formatted(mode);
    }

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
