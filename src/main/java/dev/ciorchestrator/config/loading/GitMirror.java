package dev.ciorchestrator.config.loading;

import dev.ciorchestrator.domain.Names;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.TransportCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.TagOpt;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;

/**
 * A bare mirror of a remote repository in the cache folder, like Argo CD's repo-server keeps one
 * per URL. Asking the remote which SHA a ref points at ({@code ls-remote}) is one round trip;
 * fetching happens only when that SHA is not here yet.
 */
final class GitMirror implements AutoCloseable {
  private static final int TIMEOUT_SECONDS = 60;
  private static final String[] REF_SPECS = {
    "+refs/heads/*:refs/heads/*", "+refs/tags/*:refs/tags/*"
  };

  private final String url;
  private final String shownUrl;
  private final Repository repository;
  private final AtomicInteger fetches = new AtomicInteger();

  GitMirror(String url, Path cacheDir) throws IOException {
    this.url = url;
    this.shownUrl = UrlRedaction.redact(url);
    this.repository = openOrInit(cacheDir.resolve(folderName(shownUrl)));
  }

  Repository repository() {
    return repository;
  }

  /** Every ref the remote has now, by name ({@code HEAD}, {@code refs/heads/main}, ...). */
  Map<String, Ref> lsRemote() throws IOException {
    try {
      return authorize(Git.lsRemoteRepository().setRemote(url)).callAsMap();
    } catch (GitAPIException | RuntimeException e) {
      throw new IOException("cannot list refs of " + shownUrl + ": " + why(e), e);
    }
  }

  /** Brings every branch and tag up to date; deleted remote refs go too. */
  synchronized void fetch() throws IOException {
    fetches.incrementAndGet();
    try (Git git = Git.wrap(repository)) {
      authorize(git.fetch().setRemote(url))
          .setRefSpecs(REF_SPECS)
          .setTagOpt(TagOpt.NO_TAGS)
          .setRemoveDeletedRefs(true)
          .call();
    } catch (GitAPIException | RuntimeException e) {
      throw new IOException("cannot fetch " + shownUrl + ": " + why(e), e);
    }
  }

  /** How often {@link #fetch()} ran; tests use it to prove that a known SHA costs no fetch. */
  int fetches() {
    return fetches.get();
  }

  @Override
  public void close() {
    repository.close();
  }

  private <C extends TransportCommand<C, ?>> C authorize(C command) throws IOException {
    command.setTimeout(TIMEOUT_SECONDS);
    try {
      URIish uri = new URIish(url);
      if (uri.getUser() != null && uri.getPass() != null) {
        command.setCredentialsProvider(
            new UsernamePasswordCredentialsProvider(uri.getUser(), uri.getPass()));
      }
    } catch (java.net.URISyntaxException e) {
      throw new IOException("not a Git URL: " + shownUrl, e);
    }
    return command;
  }

  private static Repository openOrInit(Path dir) throws IOException {
    if (!Files.isRegularFile(dir.resolve("HEAD"))) {
      Files.createDirectories(dir);
      try {
        Git.init().setBare(true).setDirectory(dir.toFile()).call().close();
      } catch (GitAPIException e) {
        throw new IOException("cannot create Git mirror in " + dir + ": " + e.getMessage(), e);
      }
    }
    return new FileRepositoryBuilder().setGitDir(dir.toFile()).setMustExist(true).build();
  }

  /** One folder per URL; the name hashes the redacted URL so a rotated token keeps the mirror. */
  private static String folderName(String shownUrl) {
    return Names.hash(shownUrl, 24) + ".git";
  }

  private static String why(Exception e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root == e ? e.getMessage() : e.getMessage() + " (" + root.getMessage() + ")";
    return UrlRedaction.redact(message);
  }
}
