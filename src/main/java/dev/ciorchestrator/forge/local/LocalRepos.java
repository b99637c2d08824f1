package dev.ciorchestrator.forge.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the local forge keeps repository {@code owner/name}: the bare repository {@code
 * <reposDir>/<owner>/<name>.git}, as a Git server would. A non-bare {@code
 * <reposDir>/<owner>/<name>} with a {@code .git} folder is accepted when the bare one is absent, so
 * a developer can point the forge at a clone they work in.
 */
public final class LocalRepos {
  private LocalRepos() {}

  /** Where a new repository for {@code repo} belongs: always the bare location. */
  public static Path bareRepoPath(Path reposDir, String repo) {
    Check.repo(repo);
    return reposDir.resolve(repo + ".git");
  }

  /**
   * The repository of {@code repo}: the bare one when it exists, else a non-bare one with a {@code
   * .git} folder, else {@link #bareRepoPath} (where one should be created).
   */
  public static Path path(Path reposDir, String repo) {
    Path bare = bareRepoPath(reposDir, repo);
    Path nonBare = reposDir.resolve(repo);
    if (!Files.isDirectory(bare) && Files.isDirectory(nonBare.resolve(".git"))) {
      return nonBare;
    }
    return bare;
  }

  /** Whether the forge has a repository {@code repo}, bare or with a {@code .git} folder. */
  public static boolean exists(Path reposDir, String repo) {
    Path path = path(reposDir, repo);
    return Files.isDirectory(path);
  }

  /**
   * The Git dir to open for {@code repo}: the bare repository itself, or the {@code .git} folder.
   *
   * @throws IOException naming the path when neither exists
   */
  public static Path gitDir(Path reposDir, String repo) throws IOException {
    Path path = path(reposDir, repo);
    Path dotGit = path.resolve(".git");
    if (Files.isDirectory(dotGit)) {
      return dotGit;
    }
    if (!Files.isDirectory(path)) {
      throw new IOException(
          "no repository "
              + repo
              + " in the local forge: "
              + path.toAbsolutePath()
              + " is missing");
    }
    return path;
  }
}
