package dev.ciorchestrator.executor.local;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;

/** Deployment settings of the local process executor ({@code ci.executor.local.*}). */
@ConfigMapping(prefix = "ci.executor.local")
public interface LocalExecutorSettings {
  /**
   * Run records ({@code records/}), workspaces ({@code workspaces/<runId>}) and logs ({@code
   * logs/<runId>.log}); relative paths are resolved against the working directory.
   */
  @WithDefault(".ci-orchestrator/runs")
  Path workDir();
}
