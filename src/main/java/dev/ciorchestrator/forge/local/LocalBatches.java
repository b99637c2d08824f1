package dev.ciorchestrator.forge.local;

import dev.ciorchestrator.domain.BatchKey;
import dev.ciorchestrator.domain.Names;
import dev.ciorchestrator.forge.BatchBuild;
import dev.ciorchestrator.forge.BatchMoves;
import dev.ciorchestrator.forge.MergeResult;
import dev.ciorchestrator.forge.queue.BatchCommits;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Optional;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * The merge queue on the embedded forge: batch commits are written into the forge's own repository
 * under {@code refs/ci-orchestrator/queue/<branch>/<n>}, refs no person pushes to and no branch
 * listing shows; a green batch lands by a compare-and-set of the branch.
 */
final class LocalBatches {
  private final LocalForgeStore store;
  private final Path gitDir;
  private final PersonIdent bot;

  LocalBatches(LocalForgeStore store, Path gitDir, String bot, Clock clock) {
    this.store = store;
    this.gitDir = gitDir;
    this.bot = new PersonIdent(bot, "ci@ci-orchestrator.dev", clock.instant(), ZoneOffset.UTC);
  }

  static String ref(String branch, long number) {
    return BatchCommits.LOCAL_REF_PREFIX + BatchCommits.name(branch, number);
  }

  BatchBuild build(BatchKey batch, long number) throws IOException {
    try (Repository git = Branches.open(gitDir)) {
      BatchBuild built = BatchCommits.write(git, batch);
      if (built.conflicted()) {
        return built;
      }
      String ref = ref(batch.branch(), number);
      RefUpdate update = git.updateRef(ref);
      update.setNewObjectId(ObjectId.fromString(built.commitSha()));
      update.setRefLogIdent(bot);
      update.setRefLogMessage("merge queue batch " + batch.id(), false);
      RefUpdate.Result result = update.forceUpdate();
      if (result != RefUpdate.Result.NEW
          && result != RefUpdate.Result.FORCED
          && result != RefUpdate.Result.NO_CHANGE) {
        throw new IOException("cannot set " + ref + ": " + result);
      }
      return BatchBuild.commit(built.commitSha(), ref);
    }
  }

  void drop(String branch, long number) throws IOException {
    try (Repository git = Branches.open(gitDir)) {
      String ref = ref(branch, number);
      if (git.exactRef(ref) == null) {
        return;
      }
      RefUpdate update = git.updateRef(ref);
      update.setForceUpdate(true);
      RefUpdate.Result result = update.delete();
      if (result != RefUpdate.Result.FORCED && result != RefUpdate.Result.NO_CHANGE) {
        throw new IOException("cannot delete " + ref + ": " + result);
      }
    }
  }

  /**
   * Every check before the one write that matters, the branch's compare-and-set from the base to
   * the batch commit; only then are the changes marked merged.
   */
  MergeResult fastForward(BatchKey batch, String commitSha) throws IOException {
    store.flush(); // the merge and its records must not overtake the writes before it
    try (Repository git = Branches.open(gitDir);
        RevWalk walk = new RevWalk(git)) {
      Optional<String> stale = staleMember(git, batch);
      if (stale.isPresent()) {
        return MergeResult.refused(stale.get());
      }
      Ref tip = git.exactRef(Constants.R_HEADS + batch.branch());
      String actual = tip == null ? "" : tip.getObjectId().name();
      if (!actual.equals(batch.baseSha())) {
        return MergeResult.refused(BatchMoves.moved(batch.branch(), batch.baseSha(), actual));
      }
      String refused =
          LocalMerge.compareAndSet(
              git,
              walk,
              batch.branch(),
              ObjectId.fromString(batch.baseSha()),
              ObjectId.fromString(commitSha),
              bot,
              "merge queue batch " + batch.id());
      if (refused != null) {
        return MergeResult.refused(refused);
      }
    }
    for (BatchKey.Member m : batch.members()) {
      store.markMerged(batch.repo(), m.change(), commitSha);
    }
    return MergeResult.merged(
        commitSha, "fast-forwarded " + batch.branch() + " to " + Names.shortSha(commitSha));
  }

  /** Why a change of the batch may not land any more (closed, or pushed since it was tested). */
  private Optional<String> staleMember(Repository git, BatchKey batch) throws IOException {
    for (BatchKey.Member m : batch.members()) {
      Optional<LocalChange> change = store.get(batch.repo(), m.change());
      if (change.isEmpty() || change.get().state() != LocalChange.State.OPEN) {
        return Optional.of("change #" + m.change() + " is not open any more");
      }
      Ref source = git.exactRef(Constants.R_HEADS + change.get().sourceBranch());
      String tip = source == null ? "" : source.getObjectId().name();
      if (!change.get().headSha().equals(m.headSha()) || !tip.equals(m.headSha())) {
        String now = change.get().headSha().equals(m.headSha()) ? tip : change.get().headSha();
        return Optional.of(
            "change #"
                + m.change()
                + " moved from "
                + Names.shortSha(m.headSha())
                + " to "
                + Names.shortSha(now)
                + " since the batch was tested");
      }
    }
    return Optional.empty();
  }
}
