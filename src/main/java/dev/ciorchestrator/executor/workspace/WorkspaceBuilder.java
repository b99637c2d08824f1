package dev.ciorchestrator.executor.workspace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheCheckout;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.util.FileUtils;

/**
 * Builds the working tree a job runs in: the base branch tip with the change's head merged into it,
 * as a real merge commit even when a fast-forward would do, because CI must test what merging would
 * produce. The local process and container executors use it, and the {@code run} CLI too, so a
 * developer reproduces exactly the tree CI tested.
 *
 * <p>The source repository is only read: revisions are resolved in it, then the needed commits are
 * fetched over a local transport into a fresh repository in the target. The merge is written there.
 */
public final class WorkspaceBuilder {
  /** Where the fetched commits are kept in the workspace, so {@code git log base..head} works. */
  static final String BASE_REF = "refs/ci/base";

  static final String HEAD_REF = "refs/ci/head";

  /**
   * @throws MergeConflictException if head does not merge cleanly into base; target is removed
   * @throws UnknownRevisionException if the base branch or head commit is not in the repository
   * @throws IOException if the repository cannot be read or the target written; target is removed
   */
  public Workspace build(WorkspaceSpec spec) throws IOException, WorkspaceException {
    Path target = spec.target().toAbsolutePath().normalize();
    requireEmpty(target);
    ObjectId base;
    ObjectId head;
    try (SourceRepository source = SourceRepository.open(spec.repository())) {
      base =
          spec.headSha() == null
              ? source.branchTipOrSha(spec.baseRef())
              : source.branchTip(spec.baseRef());
      head = spec.headSha() == null ? base : source.headCommit(spec.headSha());
    }
    boolean done = false;
    try {
      Workspace workspace = checkout(spec, target, base, head);
      done = true;
      return workspace;
    } finally {
      if (!done) {
        // a half-built workspace would be mistaken for a good one by a retry or a curious user
        FileUtils.delete(target.toFile(), FileUtils.RECURSIVE | FileUtils.IGNORE_ERRORS);
      }
    }
  }

  private static Workspace checkout(WorkspaceSpec spec, Path target, ObjectId base, ObjectId head)
      throws IOException, MergeConflictException {
    String branch = branchName(spec.baseRef(), base);
    try (Git git = Git.init().setDirectory(target.toFile()).setInitialBranch(branch).call()) {
      Repository repo = git.getRepository();
      fetch(git, spec.repository(), base, head);
      // head == base: nothing to merge (a push run, or a change with no new commits)
      ObjectId result =
          // the short name, so "main" and "refs/heads/main" give the same merge message and SHA
          head.equals(base) ? base : MergeCommits.merge(repo, branch, base, head);
      checkoutTree(repo, result);
      setRef(repo, Constants.R_HEADS + branch, result);
      return new Workspace(target, base.name(), head.name(), result.name());
    } catch (GitAPIException e) {
      throw new IOException("cannot fetch from " + spec.repository() + ": " + e.getMessage(), e);
    }
  }

  /** SHAs, not names: the branch may move between resolving it and fetching it. */
  private static void fetch(Git git, Path source, ObjectId base, ObjectId head)
      throws GitAPIException {
    git.fetch()
        .setRemote(source.toAbsolutePath().toUri().toString())
        .setRefSpecs(
            List.of(
                new RefSpec(base.name() + ":" + BASE_REF),
                new RefSpec(head.name() + ":" + HEAD_REF)))
        .call();
  }

  private static void checkoutTree(Repository repo, ObjectId commit) throws IOException {
    DirCache index = repo.lockDirCache();
    try (RevWalk walk = new RevWalk(repo)) {
      DirCacheCheckout checkout =
          new DirCacheCheckout(repo, index, walk.parseCommit(commit).getTree());
      checkout.setFailOnConflict(true);
      checkout.checkout();
    } finally {
      index.unlock();
    }
  }

  private static void setRef(Repository repo, String name, ObjectId id) throws IOException {
    RefUpdate update = repo.updateRef(name);
    update.setNewObjectId(id);
    RefUpdate.Result result = update.forceUpdate();
    if (result != RefUpdate.Result.NEW && result != RefUpdate.Result.FORCED) {
      throw new IOException("cannot set " + name + " in the workspace: " + result);
    }
  }

  /** The base branch's own name inside the job, or {@code ci} when a bare SHA was tested. */
  private static String branchName(String baseRef, ObjectId base) {
    String name =
        baseRef.startsWith(Constants.R_HEADS)
            ? baseRef.substring(Constants.R_HEADS.length())
            : baseRef;
    return name.equalsIgnoreCase(base.name()) ? "ci" : name;
  }

  private static void requireEmpty(Path target) throws IOException {
    if (!Files.exists(target)) {
      return;
    }
    if (!Files.isDirectory(target)) {
      throw new IOException("workspace target is not a folder: " + target);
    }
    try (Stream<Path> entries = Files.list(target)) {
      if (entries.findAny().isPresent()) {
        throw new IOException("workspace target is not empty: " + target);
      }
    }
  }
}
