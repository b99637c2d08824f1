package dev.ciorchestrator.forge.hosted;

import dev.ciorchestrator.domain.BatchKey;
import dev.ciorchestrator.domain.Names;
import dev.ciorchestrator.forge.BatchBuild;
import dev.ciorchestrator.forge.BatchMoves;
import dev.ciorchestrator.forge.MergeResult;
import dev.ciorchestrator.forge.queue.BatchCommits;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;

/**
 * The merge queue on a hosted forge. A batch's commit is written in the adapter's mirror, as on
 * every forge, and pushed to a temporary branch {@code ci-orchestrator/queue/<branch>/<n>}, so the
 * forge has the commit its statuses are set on; the branch is deleted when the batch is done.
 */
final class HostedBatches {
  private final Mirror mirror;

  HostedBatches(Mirror mirror) {
    this.mirror = mirror;
  }

  static String branch(String target, long number) {
    return BatchCommits.BRANCH_PREFIX + BatchCommits.name(target, number);
  }

  /** Whether a branch is one of the queue's own, which no push trigger or listing should see. */
  static boolean own(String branch) {
    return branch.startsWith(BatchCommits.BRANCH_PREFIX);
  }

  BatchBuild build(BatchKey batch, long number) throws IOException {
    List<String> shas = new ArrayList<>();
    shas.add(batch.baseSha());
    batch.members().forEach(m -> shas.add(m.headSha()));
    mirror.ensureHas(shas);
    BatchBuild built;
    try (Repository git = mirror.repository()) {
      built = BatchCommits.write(git, batch);
    }
    if (built.conflicted()) {
      return built;
    }
    String branch = branch(batch.branch(), number);
    mirror.push(built.commitSha() + ":refs/heads/" + branch);
    // The mirror keeps the branch too: workspaces fetch from it by SHA, and it serves only commits
    // its refs reach.
    setRef(Constants.R_HEADS + branch, built.commitSha());
    return BatchBuild.commit(built.commitSha(), branch);
  }

  void drop(String target, long number) throws IOException {
    mirror.push(":refs/heads/" + branch(target, number));
    setRef(Constants.R_HEADS + branch(target, number), null);
  }

  /**
   * Pushes the batch commit to its branch, leased on the batch's base: the forge refuses it unless
   * the branch is still exactly where the batch was tested.
   */
  MergeResult fastForward(BatchKey batch, String commitSha) throws IOException {
    Mirror.Leased pushed = mirror.pushLeased(commitSha, batch.branch(), batch.baseSha());
    if (pushed.done()) {
      return MergeResult.merged(
          commitSha, "fast-forwarded " + batch.branch() + " to " + Names.shortSha(commitSha));
    }
    if (pushed.moved()) {
      return MergeResult.refused(BatchMoves.moved(batch.branch(), batch.baseSha(), pushed.tip()));
    }
    return MergeResult.refused("the push to " + batch.branch() + " was refused: " + pushed.why());
  }

  /** Points {@code ref} at {@code sha} in the mirror, or deletes it when {@code sha} is null. */
  private void setRef(String ref, String sha) throws IOException {
    try (Repository git = mirror.repository()) {
      RefUpdate update = git.updateRef(ref);
      update.setForceUpdate(true);
      RefUpdate.Result result;
      if (sha == null) {
        result = git.exactRef(ref) == null ? RefUpdate.Result.NO_CHANGE : update.delete();
      } else {
        update.setNewObjectId(ObjectId.fromString(sha));
        result = update.forceUpdate();
      }
      if (result == RefUpdate.Result.LOCK_FAILURE || result == RefUpdate.Result.IO_FAILURE) {
        throw new IOException("cannot update " + ref + " in the mirror: " + result);
      }
    }
  }
}
