package dev.ciorchestrator.config.review;

import dev.ciorchestrator.config.loading.ConfigLoader;
import dev.ciorchestrator.config.loading.GitConfigSource;
import dev.ciorchestrator.config.model.ConfigFile;
import dev.ciorchestrator.config.model.LoadResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Loads the config a change proposes, at its head commit, with the loader and limits the config
 * sync uses (file count and size, YAML limits, CEL compile checks). Nothing of the change runs: the
 * files are read from Git objects and parsed.
 */
public final class HeadConfig {
  private final ConfigLoader loader;
  private final String path;
  private final Path cacheDir;

  /**
   * @param path the folder inside the repository that holds the config ({@code ci.config.path})
   */
  public HeadConfig(ConfigLoader loader, String path, Path cacheDir) {
    this.loader = loader;
    this.path = path;
    this.cacheDir = cacheDir;
  }

  /**
   * The config at {@code sha} of the repository in {@code gitDir}.
   *
   * @throws IOException when the commit cannot be read, or holds no config files under the folder
   */
  public LoadResult load(Path gitDir, String sha) throws IOException {
    try (GitConfigSource source = new GitConfigSource(gitDir.toString(), sha, path, cacheDir)) {
      List<ConfigFile> files = source.read(sha);
      if (files.isEmpty()) {
        // the sync would run an empty config: every job and gate gone, which is never the intent
        throw new IOException(
            "no *.yaml or *.yml files under '" + (path.isBlank() ? "/" : path) + "' at " + sha);
      }
      return loader.load(sha, files);
    }
  }
}
