package dev.ciorchestrator.config.sync;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Deployment settings of the config source ({@code ci.config.*}), Argo CD style: which repository,
 * which revision, which folder. Credentials may be part of {@code repo-url}; they are never logged
 * nor shown by the API.
 */
@ConfigMapping(prefix = "ci.config")
public interface ConfigSettings {
  /**
   * A Git URL ({@code https://}, {@code ssh://}, {@code file://}, {@code git@host:path}) or a local
   * folder.
   */
  @WithDefault("examples/ci-repo")
  String repoUrl();

  /** Branch, tag, full or abbreviated SHA, or {@code HEAD}. */
  @WithDefault("HEAD")
  String revision();

  /** Folder inside the repository that holds the config; the root when absent. */
  Optional<String> path();

  /**
   * How often to check the revision, as {@code 30s}, {@code 5m}; {@code off} checks only at startup
   * and on {@code POST /api/v1/config/sync}. Read by the scheduler, kept here to document it.
   */
  @WithDefault("30s")
  String syncInterval();

  /** Where mirrors of remote repositories are kept between checks and restarts. */
  @WithDefault("${java.io.tmpdir}/ci-orchestrator/git-cache")
  Path cacheDir();
}
