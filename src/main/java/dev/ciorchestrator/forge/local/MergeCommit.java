package dev.ciorchestrator.forge.local;

import dev.ciorchestrator.config.model.MergeMethod;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.merge.MergeStrategy;
import org.eclipse.jgit.merge.ResolveMerger;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevSort;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Writes the commit a merge method makes of a change's head on the target tip, without touching any
 * ref. Merges run in core (no index, no working tree), so they work on a bare repository and a
 * conflict leaves nothing to undo.
 */
final class MergeCommit {
  /** The new target tip ({@code base} itself when nothing would change), or why there is none. */
  record Outcome(ObjectId commit, String refusal) {
    static Outcome refused(String why) {
      return new Outcome(null, why);
    }
  }

  private final Repository git;
  private final ObjectInserter inserter;
  private final PersonIdent bot;

  MergeCommit(Repository git, ObjectInserter inserter, PersonIdent bot) {
    this.git = git;
    this.inserter = inserter;
    this.bot = bot;
  }

  Outcome write(MergeMethod method, LocalChange change, RevCommit base, RevCommit head)
      throws IOException {
    String target = change.targetBranch();
    return switch (method) {
      case MERGE -> {
        Tree tree = merge(base, head, null);
        yield tree.conflicts == null
            ? new Outcome(commit(tree.id, bot, mergeMessage(change), base, head), null)
            : Outcome.refused("merging into " + target + " conflicts in " + tree.conflicts);
      }
      case SQUASH -> {
        Tree tree = merge(base, head, null);
        if (tree.conflicts != null) {
          yield Outcome.refused("squashing into " + target + " conflicts in " + tree.conflicts);
        }
        String message = change.title() + " (#" + change.number() + ")\n";
        yield new Outcome(
            tree.id.equals(base.getTree())
                ? base
                : commit(tree.id, head.getAuthorIdent(), message, base),
            null);
      }
      case REBASE -> rebase(base, head, target);
      case FAST_FORWARD -> {
        try (RevWalk walk = new RevWalk(git)) {
          yield walk.isMergedInto(walk.parseCommit(base), walk.parseCommit(head))
              ? new Outcome(head, null)
              : Outcome.refused(
                  target
                      + " has commits the change lacks; fast-forward is impossible until it is"
                      + " rebased onto "
                      + target);
        }
      }
    };
  }

  /**
   * Replays each of head's own commits on the target, oldest first, keeping author and message, as
   * {@code git rebase} does: merge commits are left out, and a commit whose change is already in
   * the target is dropped.
   */
  private Outcome rebase(RevCommit base, RevCommit head, String target) throws IOException {
    ObjectId tip = base;
    ObjectId tipTree = base.getTree();
    for (RevCommit c : ownCommits(base, head)) {
      Tree tree = merge(tip, c, c.getParent(0));
      if (tree.conflicts != null) {
        return Outcome.refused(
            "rebasing "
                + c.abbreviate(7).name()
                + " onto "
                + target
                + " conflicts in "
                + tree.conflicts);
      }
      if (!tree.id.equals(tipTree)) {
        tip = commit(tree.id, c.getAuthorIdent(), c.getFullMessage(), tip);
        tipTree = tree.id;
      }
    }
    return new Outcome(tip, null);
  }

  private List<RevCommit> ownCommits(RevCommit base, RevCommit head) throws IOException {
    List<RevCommit> own = new ArrayList<>();
    try (RevWalk walk = new RevWalk(git)) {
      walk.sort(RevSort.TOPO);
      walk.sort(RevSort.REVERSE, true);
      walk.markStart(walk.parseCommit(head));
      walk.markUninteresting(walk.parseCommit(base));
      for (RevCommit c : walk) {
        if (c.getParentCount() == 1) {
          own.add(c);
        }
      }
    }
    return own;
  }

  private record Tree(ObjectId id, String conflicts) {}

  /** A three-way merge of {@code ours} and {@code theirs}, from {@code base} when given. */
  private Tree merge(ObjectId ours, ObjectId theirs, ObjectId base) throws IOException {
    ResolveMerger merger =
        (ResolveMerger) MergeStrategy.RECURSIVE.newMerger(inserter, git.getConfig());
    if (base != null) {
      try (RevWalk walk = new RevWalk(git)) {
        merger.setBase(walk.parseCommit(base).getTree());
      }
    }
    if (merger.merge(ours, theirs)) {
      return new Tree(merger.getResultTreeId(), null);
    }
    TreeSet<String> paths = new TreeSet<>(merger.getUnmergedPaths());
    if (merger.getFailingPaths() != null) {
      paths.addAll(merger.getFailingPaths().keySet());
    }
    return new Tree(null, String.join(", ", paths));
  }

  private ObjectId commit(ObjectId tree, PersonIdent author, String message, ObjectId... parents)
      throws IOException {
    CommitBuilder commit = new CommitBuilder();
    commit.setTreeId(tree);
    commit.setParentIds(parents);
    commit.setAuthor(author);
    commit.setCommitter(bot);
    commit.setMessage(message);
    return inserter.insert(commit);
  }

  private static String mergeMessage(LocalChange change) {
    return "Merge change #"
        + change.number()
        + " from "
        + change.sourceBranch()
        + "\n\n"
        + change.title()
        + "\n";
  }
}
