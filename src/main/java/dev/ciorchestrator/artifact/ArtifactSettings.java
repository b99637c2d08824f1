package dev.ciorchestrator.artifact;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;

/** Deployment settings of collected artifacts ({@code ci.artifacts.*}); see docs/artifacts.md. */
@ConfigMapping(prefix = "ci.artifacts")
public interface ArtifactSettings {
  /** Where manifests and content are kept ({@code ci.artifacts.store}). */
  enum Home {
    /** {@code database} with {@code ci.store.kind=postgres}, else {@code disk}. */
    AUTO,
    /** Only {@link #dir()}: one computer, or a volume every replica mounts. */
    DISK,
    /** PostgreSQL, shared by the replicas; {@link #dir()} holds this replica's verified copies. */
    DATABASE
  }

  @WithDefault("auto")
  Home store();

  /**
   * The content-addressed store on this replica's disk: {@code blobs/sha256/<hex>}, and with the
   * {@code disk} store also {@code runs/<runId>.json}.
   */
  @WithDefault(".ci-orchestrator/artifacts")
  Path dir();

  /** The most one run may collect; a run over it fails with a message saying so. */
  @WithDefault("1G")
  MemorySize maxRunSize();

  /** The most distinct content the store holds; a collection that would pass it fails the run. */
  @WithDefault("20G")
  MemorySize maxTotalSize();

  /** How long a run's artifacts are kept unless published. */
  @WithDefault("P30D")
  Duration retention();

  /** How often expired artifacts are deleted. */
  @WithDefault("1h")
  Duration expiryInterval();
}
