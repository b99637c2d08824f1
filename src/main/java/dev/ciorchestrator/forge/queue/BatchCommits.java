package dev.ciorchestrator.forge.queue;

import dev.ciorchestrator.domain.BatchKey;
import dev.ciorchestrator.domain.Names;
import dev.ciorchestrator.executor.workspace.MergeCommits;
import dev.ciorchestrator.executor.workspace.MergeConflictException;
import dev.ciorchestrator.forge.BatchBuild;
import java.io.IOException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Writes a merge-queue batch's commit into a Git repository: each change's head merged, in batch
 * order, onto the base and the changes before it, one merge commit per change. Every forge adapter
 * writes batches with this, so a batch is the same commit wherever it is built: the commits depend
 * only on the batch (parents, trees, and messages and times derived from them), and a rebuild after
 * a restart is the commit whose runs already exist.
 */
public final class BatchCommits {
  /** The namespace of the embedded forge's queue refs: {@code <prefix><branch>/<n>}. */
  public static final String LOCAL_REF_PREFIX = "refs/ci-orchestrator/queue/";

  /** The branch prefix on hosted forges, which accept pushes to branches only. */
  public static final String BRANCH_PREFIX = "ci-orchestrator/queue/";

  private BatchCommits() {}

  /**
   * Writes the batch's commits into {@code git} (nothing else: no ref moves).
   *
   * @throws IOException if the base or a head is not in {@code git}, or it cannot be written
   */
  public static BatchBuild write(Repository git, BatchKey batch) throws IOException {
    ObjectId tip = commit(git, batch.baseSha(), "base " + batch.branch());
    for (BatchKey.Member m : batch.members()) {
      ObjectId head = commit(git, m.headSha(), "head of #" + m.change());
      if (contains(git, tip, head)) {
        continue; // nothing of it is missing: a merge commit would only add noise
      }
      try {
        tip = MergeCommits.merge(git, batch.branch(), tip, head, message(batch, m));
      } catch (MergeConflictException e) {
        return BatchBuild.conflict(m.change(), "conflict in " + String.join(", ", e.paths()));
      }
    }
    return BatchBuild.commit(tip.name(), "");
  }

  /** {@code ci-orchestrator/queue/main/7}: the batch's name under a prefix. */
  public static String name(String branch, long number) {
    return branch + "/" + number;
  }

  private static String message(BatchKey batch, BatchKey.Member m) {
    return "Merge change #"
        + m.change()
        + " into "
        + batch.branch()
        + "\n\nHead "
        + m.headSha()
        + ", merge queue batch "
        + batch.id()
        + " on "
        + Names.shortSha(batch.baseSha())
        + ".\n";
  }

  private static ObjectId commit(Repository git, String sha, String what) throws IOException {
    if (!ObjectId.isId(sha)) {
      throw new IOException(what + " is not a full commit SHA: '" + sha + "'");
    }
    try (RevWalk walk = new RevWalk(git)) {
      return walk.parseCommit(ObjectId.fromString(sha)).getId();
    } catch (MissingObjectException e) {
      throw new IOException(what + " " + Names.shortSha(sha) + " is not in " + git.getDirectory());
    }
  }

  private static boolean contains(Repository git, ObjectId tip, ObjectId head) throws IOException {
    try (RevWalk walk = new RevWalk(git)) {
      RevCommit t = walk.parseCommit(tip);
      RevCommit h = walk.parseCommit(head);
      return walk.isMergedInto(h, t);
    }
  }
}
