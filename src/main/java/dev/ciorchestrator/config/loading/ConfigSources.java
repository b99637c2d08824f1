package dev.ciorchestrator.config.loading;

import dev.ciorchestrator.config.model.ConfigFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Picks the config source for the deployment settings {@code repo-url}, {@code revision} and {@code
 * path}: a Git URL or a local repository becomes a {@link GitConfigSource}; a plain local folder
 * becomes a {@link DirectoryConfigSource}, which has no revisions.
 */
public final class ConfigSources {
  // scp-like "user@host:path" or "host:path"; a one-letter "host" is a Windows drive instead
  private static final Pattern SCP_LIKE = Pattern.compile("^(?:[^@/:]+@)?[^@/:]{2,}:(?!//).*");

  private ConfigSources() {}

  /**
   * @throws IOException naming the folder if a local {@code repoUrl} does not exist or cannot be
   *     opened
   */
  public static ConfigSource open(String repoUrl, String revision, String path, Path cacheDir)
      throws IOException {
    if (isUrl(repoUrl)) {
      return new GitConfigSource(repoUrl, revision, path, cacheDir);
    }
    Path dir = Path.of(repoUrl).toAbsolutePath().normalize();
    if (!Files.isDirectory(dir)) {
      throw new IOException("repo-url '" + repoUrl + "' is neither a Git URL nor a folder: " + dir);
    }
    if (GitConfigSource.isRepositoryRoot(dir)) {
      return new GitConfigSource(dir.toString(), revision, path, cacheDir);
    }
    return new PlainFolder(new DirectoryConfigSource(dir.resolve(blankToEmpty(path))), revision);
  }

  /** A URL with a scheme ({@code file://} included) or the scp-like SSH form. */
  static boolean isUrl(String repoUrl) {
    return repoUrl.contains("://") || SCP_LIKE.matcher(repoUrl).matches();
  }

  private static String blankToEmpty(String path) {
    return path == null ? "" : path.strip();
  }

  /** Says in {@code describe()} that a configured revision means nothing for a plain folder. */
  private record PlainFolder(DirectoryConfigSource folder, String revision)
      implements ConfigSource {
    @Override
    public String resolve() throws IOException {
      return folder.resolve();
    }

    @Override
    public List<ConfigFile> read(String id) throws IOException {
      return folder.read(id);
    }

    @Override
    public String describe() {
      boolean ignored = revision != null && !revision.isBlank() && !revision.equals("HEAD");
      return folder.describe()
          + " (plain folder, not a Git repository"
          + (ignored ? "; revision '" + revision + "' ignored)" : ")");
    }
  }
}
