package dev.ciorchestrator.forge.local;

import dev.ciorchestrator.config.model.MergeMethod;
import dev.ciorchestrator.forge.BatchMoves;
import dev.ciorchestrator.forge.MergeResult;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * One merge of a local change into its target branch, in the forge's own repository. Every check
 * happens before any write, and the only write that matters, the target ref, is a compare-and-set
 * against the tip that was checked: a concurrent push to the target is refused, never overwritten.
 * Commits written for a refused merge stay unreachable until Git's own garbage collection.
 */
final class LocalMerge {
  private final LocalForgeStore store;
  private final Path gitDir;
  private final String bot;
  private final Clock clock;

  LocalMerge(LocalForgeStore store, Path gitDir, String bot, Clock clock) {
    this.store = store;
    this.gitDir = gitDir;
    this.bot = bot;
    this.clock = clock;
  }

  MergeResult merge(String repo, long number, String headSha, MergeMethod method)
      throws IOException {
    return merge(repo, number, headSha, method, null);
  }

  /**
   * As {@link #merge(String, long, String, MergeMethod)}, refusing unless the target is at {@code
   * expectedTarget} (null: wherever it is); the target's update is a compare-and-set against it.
   */
  MergeResult merge(
      String repo, long number, String headSha, MergeMethod method, String expectedTarget)
      throws IOException {
    LocalChange change =
        store
            .get(repo, number)
            .orElseThrow(() -> new IllegalArgumentException("no change " + repo + "#" + number));
    // Asking again for a merge that happened is answered, not refused: every Forge write may be
    // repeated after a crash. Only for the head that was merged, though.
    if (change.state() == LocalChange.State.MERGED && change.headSha().equals(headSha)) {
      return MergeResult.merged(change.mergeSha(), change.ref() + " was already merged");
    }
    if (change.state() != LocalChange.State.OPEN) {
      return MergeResult.refused(
          change.ref() + " is " + change.state().name().toLowerCase(Locale.ROOT));
    }
    if (!change.headSha().equals(headSha)) {
      return moved(headSha, change.headSha());
    }
    try (Repository git = Branches.open(gitDir);
        RevWalk walk = new RevWalk(git);
        ObjectInserter inserter = git.newObjectInserter()) {
      return mergeIn(git, walk, inserter, change, method, expectedTarget);
    }
  }

  private MergeResult mergeIn(
      Repository git,
      RevWalk walk,
      ObjectInserter inserter,
      LocalChange change,
      MergeMethod method,
      String expectedTarget)
      throws IOException {
    Optional<ObjectId> source = tip(git, change.sourceBranch());
    if (source.isEmpty()) {
      return MergeResult.refused("source branch " + change.sourceBranch() + " is missing");
    }
    if (!source.get().name().equals(change.headSha())) {
      return moved(change.headSha(), source.get().name());
    }
    Optional<ObjectId> target = tip(git, change.targetBranch());
    if (target.isEmpty()) {
      return MergeResult.refused("target branch " + change.targetBranch() + " is missing");
    }
    if (expectedTarget != null && !target.get().name().equals(expectedTarget)) {
      return MergeResult.refused(
          BatchMoves.moved(change.targetBranch(), expectedTarget, target.get().name()));
    }
    RevCommit base = walk.parseCommit(target.get());
    RevCommit head = walk.parseCommit(source.get());
    // A merger that crashed after moving the target but before marking the change merged finds
    // the change already in the target: mark it, do not merge it twice.
    if (walk.isMergedInto(head, base)) {
      return marked(change, base, "already contained in " + change.targetBranch());
    }
    MergeCommit.Outcome outcome =
        new MergeCommit(git, inserter, identity()).write(method, change, base, head);
    if (outcome.refusal() != null) {
      return MergeResult.refused(outcome.refusal());
    }
    if (outcome.commit().equals(base)) {
      return marked(change, base, "its changes are already in " + change.targetBranch());
    }
    inserter.flush();
    String why = "merge " + change.ref();
    String refused =
        compareAndSet(git, walk, change.targetBranch(), base, outcome.commit(), identity(), why);
    return refused != null
        ? MergeResult.refused(refused)
        : marked(
            change,
            outcome.commit(),
            "merged into " + change.targetBranch() + " by " + method.wire());
  }

  /**
   * Moves {@code branch} from {@code expected} to {@code next}, or answers why not: anything but
   * {@code expected} there (a concurrent push) refuses the update.
   */
  static String compareAndSet(
      Repository git,
      RevWalk walk,
      String branch,
      ObjectId expected,
      ObjectId next,
      PersonIdent ident,
      String why)
      throws IOException {
    RefUpdate update = git.updateRef(Constants.R_HEADS + branch);
    update.setExpectedOldObjectId(expected);
    update.setNewObjectId(next);
    update.setRefLogIdent(ident);
    update.setRefLogMessage(why, false);
    RefUpdate.Result result = update.update(walk);
    return switch (result) {
      case FAST_FORWARD, NEW -> null;
      default ->
          branch
              + " moved during the merge ("
              + result.name().toLowerCase(Locale.ROOT)
              + "); the next reconcile decides again";
    };
  }

  private MergeResult marked(LocalChange change, ObjectId tip, String how) throws IOException {
    store.markMerged(change.repo(), change.number(), tip.name());
    return MergeResult.merged(tip.name(), how);
  }

  private PersonIdent identity() {
    return new PersonIdent(bot, "ci@ci-orchestrator.dev", clock.instant(), ZoneOffset.UTC);
  }

  private static MergeResult moved(String from, String to) {
    return MergeResult.refused(
        "head moved from " + abbrev(from) + " to " + abbrev(to) + " since the gate passed");
  }

  private static String abbrev(String sha) {
    return sha.substring(0, Math.min(7, sha.length()));
  }

  private static Optional<ObjectId> tip(Repository git, String branch) throws IOException {
    Ref ref = git.exactRef(Constants.R_HEADS + branch);
    return Optional.ofNullable(ref == null ? null : ref.getObjectId());
  }
}
