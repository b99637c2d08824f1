package dev.ciorchestrator.forge.local;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;

/** Deployment settings of the embedded local forge ({@code ci.forge.local.*}). */
@ConfigMapping(prefix = "ci.forge.local")
public interface LocalForgeSettings {
  /**
   * The one JSON file holding every change of the local forge; relative paths are resolved against
   * the working directory. The default folder is gitignored, so a checkout can host its own forge.
   */
  @WithDefault(".ci-orchestrator/local-forge.json")
  Path stateFile();
}
