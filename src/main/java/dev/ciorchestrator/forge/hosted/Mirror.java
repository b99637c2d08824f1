package dev.ciorchestrator.forge.hosted;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.PushCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefLeaseSpec;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.TagOpt;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;

/**
 * A bare mirror of one hosted repository, for building workspaces: branches and every change's head
 * (GitHub's and Gitea's {@code refs/pull/N/head}, GitLab's {@code refs/merge-requests/N/head},
 * which the forges keep even for forks). Fetched only when a SHA the adapter is about to hand out
 * is not here yet, so an unchanged repository costs no fetch.
 */
public final class Mirror {
  /** GitHub's and Gitea's refs of pull request heads. */
  public static final String PULL_HEADS = "+refs/pull/*/head:refs/pull/*/head";

  /** GitLab's refs of merge request heads. */
  public static final String MERGE_REQUEST_HEADS =
      "+refs/merge-requests/*/head:refs/merge-requests/*/head";

  private static final String BRANCHES = "+refs/heads/*:refs/heads/*";

  /** The token to fetch with; empty for anonymous fetches (a public repository, a test). */
  @FunctionalInterface
  public interface Secret {
    String get() throws IOException;
  }

  private final Path dir;
  private final String url;
  private final String heads;
  private final String user;
  private final Secret token;
  private int fetches;

  /**
   * @param heads the refspec of the changes' heads ({@link #PULL_HEADS}, {@link
   *     #MERGE_REQUEST_HEADS})
   * @param user the user name the token is sent with over HTTPS
   * @param token the token to fetch with, asked on each fetch (an App's token changes hourly); an
   *     empty one fetches anonymously
   */
  public Mirror(Path dir, String url, String heads, String user, Secret token) {
    this.dir = dir;
    this.url = url;
    this.heads = heads;
    this.user = user;
    this.token = token;
  }

  public Path dir() {
    return dir;
  }

  /** Creates the (empty) bare repository on first use. */
  public synchronized Path ensure() throws IOException {
    if (!Files.isDirectory(dir.resolve("objects"))) {
      Files.createDirectories(dir);
      try {
        Git.init().setBare(true).setGitDir(dir.toFile()).call().close();
        // only created here; fetched when SHAs are needed
      } catch (GitAPIException e) {
        throw new IOException("cannot create the mirror " + dir + ": " + e.getMessage(), e);
      }
    }
    return dir;
  }

  /** Fetches if any of {@code shas} is missing; true when it fetched. */
  public synchronized boolean ensureHas(Collection<String> shas) throws IOException {
    ensure();
    try (Repository repo = open()) {
      boolean missing = false;
      for (String sha : shas) {
        if (ObjectId.isId(sha) && !repo.getObjectDatabase().has(ObjectId.fromString(sha))) {
          missing = true;
          break;
        }
      }
      if (!missing) {
        return false;
      }
      fetch(repo);
      return true;
    }
  }

  /**
   * Pushes {@code refSpec} ({@code <sha>:refs/heads/<branch>}, or {@code :refs/heads/<branch>} to
   * delete) to the repository, with the same credentials as fetches. A pushed merge-queue batch
   * becomes a branch the forge knows, so statuses can be set on its commit.
   */
  public synchronized void push(String refSpec) throws IOException {
    for (RemoteRefUpdate update : push(new RefSpec(refSpec).setForceUpdate(true), null)) {
      RemoteRefUpdate.Status status = update.getStatus();
      if (status != RemoteRefUpdate.Status.OK
          && status != RemoteRefUpdate.Status.UP_TO_DATE
          && status != RemoteRefUpdate.Status.NON_EXISTING) {
        throw new IOException(
            "push of " + update.getRemoteName() + " to " + url + " refused: " + status);
      }
    }
  }

  /**
   * What a leased push gave.
   *
   * @param tip where the branch was when it was refused because it moved; {@code ""} otherwise
   */
  public record Leased(boolean done, String tip, String why) {
    public boolean moved() {
      return !done && !tip.isEmpty();
    }
  }

  /**
   * Moves {@code branch} to {@code sha} without force, and only if it is still at {@code expected}
   * (Git's compare-and-swap, {@code --force-with-lease=<branch>:<expected>}): a refusal is an
   * answer, not an error.
   */
  public synchronized Leased pushLeased(String sha, String branch, String expected)
      throws IOException {
    String ref = "refs/heads/" + branch;
    List<PushResult> results = new ArrayList<>();
    for (RemoteRefUpdate update :
        push(new RefSpec(sha + ":" + ref), new RefLeaseSpec(ref, expected), results)) {
      RemoteRefUpdate.Status status = update.getStatus();
      if (status == RemoteRefUpdate.Status.OK || status == RemoteRefUpdate.Status.UP_TO_DATE) {
        return new Leased(true, "", "");
      }
      if (status == RemoteRefUpdate.Status.REJECTED_REMOTE_CHANGED
          || status == RemoteRefUpdate.Status.REJECTED_NONFASTFORWARD) {
        String tip =
            results.stream()
                .map(r -> r.getAdvertisedRef(ref))
                .filter(java.util.Objects::nonNull)
                .map(r -> r.getObjectId().name())
                .findFirst()
                .orElse("");
        return new Leased(false, tip.equals(expected) ? "" : tip, status.name());
      }
      String message = update.getMessage();
      return new Leased(false, "", status + (message == null ? "" : " (" + message + ")"));
    }
    return new Leased(false, "", "no answer for " + ref);
  }

  private List<RemoteRefUpdate> push(RefSpec spec, RefLeaseSpec lease) throws IOException {
    return push(spec, lease, new ArrayList<>());
  }

  private List<RemoteRefUpdate> push(RefSpec spec, RefLeaseSpec lease, List<PushResult> results)
      throws IOException {
    ensure();
    String secret = token.get();
    CredentialsProvider credentials =
        secret.isEmpty() ? null : new UsernamePasswordCredentialsProvider(user, secret);
    try (Repository repo = open();
        Git git = Git.wrap(repo)) {
      PushCommand push =
          git.push()
              .setRemote(url)
              .setRefSpecs(spec)
              .setCredentialsProvider(credentials)
              .setTimeout(120);
      if (lease != null) {
        push.setRefLeaseSpecs(lease);
      }
      List<RemoteRefUpdate> updates = new ArrayList<>();
      for (PushResult result : push.call()) {
        results.add(result);
        updates.addAll(result.getRemoteUpdates());
      }
      return updates;
    } catch (GitAPIException | RuntimeException e) {
      throw new IOException("cannot push to " + url + ": " + e.getMessage(), e);
    }
  }

  /** The mirror's repository, opened; the caller closes it. */
  public synchronized Repository repository() throws IOException {
    ensure();
    return open();
  }

  private void fetch(Repository repo) throws IOException {
    fetches++;
    String secret = token.get();
    CredentialsProvider credentials =
        secret.isEmpty() ? null : new UsernamePasswordCredentialsProvider(user, secret);
    try (Git git = Git.wrap(repo)) {
      git.fetch()
          .setRemote(url)
          .setRefSpecs(BRANCHES, heads)
          .setTagOpt(TagOpt.NO_TAGS)
          .setRemoveDeletedRefs(true)
          .setCredentialsProvider(credentials)
          .setTimeout(120)
          .call();
    } catch (GitAPIException | RuntimeException e) {
      // JGit messages carry the URL, never the credentials provider's password
      throw new IOException("cannot fetch " + url + " into " + dir + ": " + e.getMessage(), e);
    }
  }

  private Repository open() throws IOException {
    return new FileRepositoryBuilder().setGitDir(dir.toFile()).setMustExist(true).build();
  }

  /** How many times it fetched; for tests. */
  public synchronized int fetches() {
    return fetches;
  }
}
