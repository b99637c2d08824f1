package dev.ciorchestrator.quality;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Deployment settings of reports ({@code ci.reports.*}) and caches ({@code ci.cache.*}). */
@ConfigMapping(prefix = "ci")
public interface QualitySettings {
  Reports reports();

  Cache cache();

  Recipes recipes();

  /**
   * What the shipped recipes' tools need from the machine that runs them ({@code ci.recipes.*}).
   */
  interface Recipes {
    /**
     * go/vulncheck's offline Go vulnerability database: a folder, refreshed out of band. Every run
     * on the process and container executors gets it as {@code GOVULNDB} (unless its env sets one);
     * a container sees it only where {@code ci.executor.container.extra-args} mounts it.
     */
    Optional<Path> govulndb();
  }

  interface Reports {
    /** Whole reports of each run, one JSON file per run. */
    @WithDefault(".ci-orchestrator/reports")
    Path dir();

    /** A larger report file is not read; the run names it among its report problems. */
    @WithDefault("16M")
    MemorySize maxFileSize();

    /** Report files of one run beyond this total are not read. */
    @WithDefault("64M")
    MemorySize maxRunSize();
  }

  interface Cache {
    /** Cache versions; on the file system of the work dir, a save is a rename instead of a copy. */
    @WithDefault(".ci-orchestrator/caches")
    Path dir();

    /** Past this total, the least recently used caches are deleted. */
    @WithDefault("10G")
    MemorySize maxSize();

    /** A cache neither restored nor saved for this long is deleted. */
    @WithDefault("7d")
    Duration maxAge();
  }
}
