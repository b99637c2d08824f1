package dev.ciorchestrator.artifact;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where the {@link ArtifactStore} keeps its manifests and the truth of which content it holds: the
 * store's own folder on one computer ({@link DiskShelf}), or PostgreSQL when several replicas share
 * it ({@link PostgresShelf}), so that whichever replica leads finds what another collected. Blobs
 * are always read from the store's folder; a shared shelf fills it on demand ({@link #fetch}).
 */
public interface ArtifactShelf {
  Optional<Manifest> manifest(String runId) throws IOException;

  /** Writes or replaces a run's manifest; every content it names must be kept. */
  void write(Manifest manifest) throws IOException;

  /** The bytes of distinct content kept, what {@code ci.artifacts.max-total-size} bounds. */
  long storedBytes() throws IOException;

  /**
   * Whether the content {@code hex} is kept; a shared shelf also marks it as just used, so expiry
   * leaves it to the collection about to name it.
   */
  boolean touch(String hex) throws IOException;

  /**
   * Keeps {@code file}, the checked content {@code hex} of {@code size} bytes, unless it is kept.
   *
   * @return whether this call added it
   */
  boolean keep(String hex, Path file, long size) throws IOException;

  /**
   * Forgets content a failed collection added (by hex, with its size), unless a manifest names it.
   */
  void drop(Map<String, Long> added) throws IOException;

  /**
   * Writes the content {@code hex} to {@code target}, unchecked (the store checks it).
   *
   * @return false when it is not kept, or when the store's folder is the only copy
   */
  boolean fetch(String hex, Path target) throws IOException;

  /**
   * Deletes the manifests collected before {@code cutoff} that were not published, then the content
   * none names any more.
   */
  Expired expire(Instant cutoff) throws IOException;

  /**
   * @param kept the content still kept, by hex: the store's folder may hold nothing else
   * @param deleted how much content went
   */
  record Expired(Set<String> kept, int deleted) {
    public Expired {
      kept = Set.copyOf(kept);
    }
  }
}
