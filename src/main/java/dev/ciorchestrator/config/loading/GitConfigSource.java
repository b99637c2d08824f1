package dev.ciorchestrator.config.loading;

import dev.ciorchestrator.config.model.ConfigFile;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.RepositoryCache;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.util.FS;

/**
 * A Git repository as config source, Argo CD repo-server style: the revision is resolved to a
 * commit SHA, and files are read from that commit's tree, never from a working tree. A local
 * repository (work tree or bare) is used in place; any other URL is mirrored into {@code cacheDir}.
 */
public final class GitConfigSource implements ConfigSource, Closeable {
  private final String shownUrl;
  private final String revision;
  private final String path;
  private final Repository repository;
  private final GitMirror mirror;

  /**
   * @param repoUrl a local repository folder, or a Git URL ({@code file://}, {@code https://},
   *     {@code ssh://}, {@code user@host:path})
   * @param revision branch, tag, full or abbreviated SHA, or {@code HEAD}
   * @param path folder inside the repository; {@code ""} for the root
   * @param cacheDir where mirrors of remote repositories are kept
   * @throws IOException if a local repository cannot be opened or a mirror cannot be created
   */
  public GitConfigSource(String repoUrl, String revision, String path, Path cacheDir)
      throws IOException {
    this.shownUrl = UrlRedaction.redact(repoUrl);
    this.revision = revision.isBlank() ? "HEAD" : revision.strip();
    this.path = GitTreeReader.normalize(path);
    boolean remote = ConfigSources.isUrl(repoUrl);
    this.mirror = remote ? new GitMirror(repoUrl, cacheDir) : null;
    this.repository = remote ? mirror.repository() : open(Path.of(repoUrl));
  }

  @Override
  public String resolve() throws IOException {
    return (mirror == null ? resolveLocal() : resolveRemote()).name();
  }

  @Override
  public List<ConfigFile> read(String commit) throws IOException {
    ObjectId id =
        GitRevisions.resolveLocal(repository, commit)
            .orElseThrow(() -> new IOException("commit " + commit + " not found in " + shownUrl));
    return GitTreeReader.read(repository, id, path);
  }

  @Override
  public String describe() {
    return shownUrl + "@" + revision + (path.isEmpty() ? "" : ":" + path + "/");
  }

  @Override
  public void close() {
    repository.close();
  }

  /** How many fetches this source made; only remote sources ever fetch. */
  int fetches() {
    return mirror == null ? 0 : mirror.fetches();
  }

  /** A folder that is a repository's root: {@code .git} (folder or link file) in it, or bare. */
  static boolean isRepositoryRoot(Path dir) {
    return Files.exists(dir.resolve(".git"))
        || RepositoryCache.FileKey.isGitRepository(dir.toFile(), FS.DETECTED);
  }

  private ObjectId resolveLocal() throws IOException {
    Optional<ObjectId> id = GitRevisions.resolveLocal(repository, revision);
    if (id.isEmpty()) {
      throw GitRevisions.notFound(revision, shownUrl, GitRevisions.localRefs(repository));
    }
    return id.get();
  }

  /**
   * One {@code ls-remote} per call; a fetch only when the advertised object is missing here. A SHA
   * cannot be asked for, so it is looked up locally first and fetched for if absent.
   */
  private ObjectId resolveRemote() throws IOException {
    Map<String, Ref> advertised = mirror.lsRemote();
    Optional<ObjectId> tip = GitRevisions.fromAdvertised(advertised, revision);
    if (tip.isPresent()) {
      if (GitRevisions.peelToCommit(repository, tip.get()).isEmpty()) {
        mirror.fetch();
      }
      return GitRevisions.peelToCommit(repository, tip.get())
          .orElseThrow(() -> new IOException(revision + " changed during the fetch; retrying"));
    }
    if (GitRevisions.looksLikeSha(revision)) {
      Optional<ObjectId> known = GitRevisions.resolveLocal(repository, revision);
      if (known.isPresent()) {
        return known.get();
      }
    } else if (GitRevisions.isPlainName(revision)) {
      // a plain name the remote does not advertise cannot appear by fetching
      throw GitRevisions.notFound(revision, shownUrl, advertised.values());
    }
    mirror.fetch();
    return GitRevisions.resolveLocal(repository, revision)
        .orElseThrow(() -> GitRevisions.notFound(revision, shownUrl, advertised.values()));
  }

  private static Repository open(Path dir) throws IOException {
    Path abs = dir.toAbsolutePath().normalize();
    if (!Files.isDirectory(abs)) {
      throw new IOException("repository folder does not exist: " + abs);
    }
    if (!isRepositoryRoot(abs)) {
      throw new IOException("not a Git repository (no .git, not bare): " + abs);
    }
    FileRepositoryBuilder builder = new FileRepositoryBuilder().setMustExist(true);
    // a work tree's .git may be a folder or, for linked worktrees, a file pointing elsewhere
    return (Files.exists(abs.resolve(".git"))
            ? builder.setWorkTree(abs.toFile())
            : builder.setGitDir(abs.toFile()))
        .build();
  }
}
