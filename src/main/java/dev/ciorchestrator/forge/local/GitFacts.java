package dev.ciorchestrator.forge.local;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.merge.MergeStrategy;
import org.eclipse.jgit.merge.Merger;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.revwalk.filter.RevFilter;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.AbstractTreeIterator;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;
import org.eclipse.jgit.treewalk.EmptyTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * What the source repository says about a change: the target tip, the change's own files and
 * whether it merges cleanly. Only reads: the trial merge runs in memory with {@link
 * DiscardingInserter}, and no ref is touched.
 *
 * @param baseSha the target branch tip now
 * @param files paths that differ between the merge base of (target tip, head) and head, sorted
 * @param mergeable head merges into the target tip without conflicts
 */
record GitFacts(String baseSha, List<String> files, boolean mergeable) {
  GitFacts {
    Objects.requireNonNull(baseSha, "baseSha");
    files = List.copyOf(files);
  }

  /**
   * @param gitDir the repository's Git dir (a bare repository, or the {@code .git} folder)
   * @throws IOException if the repository, the target branch or the head commit is missing
   */
  static GitFacts read(Path gitDir, String targetBranch, String headSha) throws IOException {
    try (Repository repo =
        new FileRepositoryBuilder().setGitDir(gitDir.toFile()).setMustExist(true).build()) {
      return read(repo, gitDir, targetTip(repo, gitDir, targetBranch), headSha);
    }
  }

  /**
   * As above, in a repository already open and against a target tip already read: a listing of
   * thousands of changes opens the repository once, where opening it per change re-read every
   * packed ref and pack index each time (19 s for 10,000 changes).
   *
   * @throws IOException if the tip or the head commit is missing
   */
  static GitFacts read(Repository repo, Path gitDir, ObjectId tip, String headSha)
      throws IOException {
    try (RevWalk walk = new RevWalk(repo)) {
      RevCommit base = walk.parseCommit(commit(repo, gitDir, tip.name(), "target tip"));
      RevCommit head = walk.parseCommit(commit(repo, gitDir, headSha, "head commit"));
      List<String> files = changedFiles(repo, walk, base, head);
      return new GitFacts(base.name(), files, mergesCleanly(repo, base, head));
    }
  }

  private static ObjectId targetTip(Repository repo, Path gitDir, String branch)
      throws IOException {
    String name = branch.startsWith(Constants.R_HEADS) ? branch : Constants.R_HEADS + branch;
    Ref ref = Repository.isValidRefName(name) ? repo.exactRef(name) : null;
    if (ref == null || ref.getObjectId() == null) {
      throw new IOException("target branch '" + branch + "' not found in " + gitDir);
    }
    return ref.getObjectId();
  }

  // Only a full SHA: a name or an abbreviation could resolve to something that moved since.
  private static ObjectId commit(Repository repo, Path gitDir, String sha, String what)
      throws IOException {
    IOException missing = new IOException(what + " '" + sha + "' not found in " + gitDir);
    if (!ObjectId.isId(sha)) {
      throw missing;
    }
    ObjectId id = ObjectId.fromString(sha);
    try (ObjectReader reader = repo.newObjectReader()) {
      if (!reader.has(id, Constants.OBJ_COMMIT)) {
        throw missing;
      }
    } catch (MissingObjectException e) {
      throw missing;
    }
    return id;
  }

  /** From the merge base, so commits that landed on the target since are not the change's. */
  private static List<String> changedFiles(
      Repository repo, RevWalk walk, RevCommit base, RevCommit head) throws IOException {
    walk.reset();
    walk.setRevFilter(RevFilter.MERGE_BASE);
    walk.markStart(base);
    walk.markStart(head);
    RevCommit mergeBase = walk.next();
    walk.reset();
    walk.setRevFilter(RevFilter.ALL);
    List<String> files = new ArrayList<>();
    try (ObjectReader reader = repo.newObjectReader();
        TreeWalk tree = new TreeWalk(reader)) {
      tree.setRecursive(true);
      tree.setFilter(TreeFilter.ANY_DIFF);
      tree.addTree(from(reader, walk, mergeBase));
      tree.addTree(walk.parseCommit(head).getTree());
      while (tree.next()) {
        files.add(tree.getPathString());
      }
    }
    return files.stream().sorted().toList();
  }

  // Unrelated histories have no merge base: then every file of head is the change's.
  private static AbstractTreeIterator from(ObjectReader reader, RevWalk walk, RevCommit commit)
      throws IOException {
    if (commit == null) {
      return new EmptyTreeIterator();
    }
    return new CanonicalTreeParser(null, reader, walk.parseCommit(commit).getTree());
  }

  private static boolean mergesCleanly(Repository repo, RevCommit base, RevCommit head)
      throws IOException {
    try (ObjectInserter inserter = new DiscardingInserter(repo)) {
      Merger merger = MergeStrategy.RESOLVE.newMerger(inserter, repo.getConfig());
      return merger.merge(false, base, head);
    }
  }
}
