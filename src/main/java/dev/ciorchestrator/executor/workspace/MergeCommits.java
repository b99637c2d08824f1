package dev.ciorchestrator.executor.workspace;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.merge.MergeStrategy;
import org.eclipse.jgit.merge.ResolveMerger;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Writes the merge commit of a head into a base. Author, committer, time and message depend only on
 * the two parents, so the same inputs always give the same merge SHA: run records, caches and the
 * {@code run} CLI on a developer's machine all see the commit CI tested. The merge queue writes its
 * batch commits with it too, for the same reason: a batch rebuilt after a restart is the same
 * commit.
 */
public final class MergeCommits {
  static final String NAME = "ci-orchestrator";
  static final String EMAIL = "ci@ci-orchestrator.dev";

  private MergeCommits() {}

  /**
   * @return the merge commit, written to {@code repo} (never to the source repository)
   * @throws MergeConflictException listing every path that did not merge
   */
  static ObjectId merge(Repository repo, String baseRef, ObjectId base, ObjectId head)
      throws IOException, MergeConflictException {
    return merge(repo, baseRef, base, head, "Merge " + head.name() + " into " + baseRef + "\n");
  }

  /**
   * As {@link #merge(Repository, String, ObjectId, ObjectId)} with {@code message}; the message
   * must itself depend only on the inputs for the SHA to.
   */
  public static ObjectId merge(
      Repository repo, String baseRef, ObjectId base, ObjectId head, String message)
      throws IOException, MergeConflictException {
    try (RevWalk walk = new RevWalk(repo);
        ObjectInserter inserter = repo.newObjectInserter()) {
      RevCommit baseCommit = walk.parseCommit(base);
      RevCommit headCommit = walk.parseCommit(head);
      // in core: the merge touches no index or working tree, so a conflict leaves nothing to undo
      ResolveMerger merger =
          (ResolveMerger) MergeStrategy.RECURSIVE.newMerger(inserter, repo.getConfig());
      if (!merger.merge(baseCommit, headCommit)) {
        throw new MergeConflictException(head.name(), baseRef, base.name(), failedPaths(merger));
      }
      CommitBuilder commit = new CommitBuilder();
      commit.setTreeId(merger.getResultTreeId());
      commit.setParentIds(baseCommit, headCommit);
      PersonIdent ident = identity(baseCommit, headCommit);
      commit.setAuthor(ident);
      commit.setCommitter(ident);
      commit.setMessage(message);
      ObjectId id = inserter.insert(commit);
      inserter.flush();
      return id;
    }
  }

  /**
   * The later parent's commit time: deterministic, and never older than what it merges, so {@code
   * git log} inside the job lists the merge first.
   */
  static PersonIdent identity(RevCommit base, RevCommit head) {
    long seconds = Math.max(base.getCommitTime(), head.getCommitTime());
    return new PersonIdent(NAME, EMAIL, Instant.ofEpochSecond(seconds), ZoneOffset.UTC);
  }

  private static List<String> failedPaths(ResolveMerger merger) {
    List<String> paths = new ArrayList<>(merger.getUnmergedPaths());
    // with an in-core merger failing paths are rare (e.g. a path that is both file and folder)
    if (merger.getFailingPaths() != null) {
      merger.getFailingPaths().keySet().stream()
          .filter(p -> !paths.contains(p))
          .forEach(paths::add);
    }
    paths.sort(null);
    return paths;
  }
}
