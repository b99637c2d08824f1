package dev.ciorchestrator.forge.hosted;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.merge.MergeStrategy;
import org.eclipse.jgit.merge.ResolveMerger;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * The Git side of a fake hosted forge for one repository: the bare repository the adapter clones
 * from, where the fake's merges and ref updates happen for real, as on the forge, so a test can
 * read what landed and the adapter's mirror can fetch it.
 */
public final class FakeGitRemote {
  private final Path bare;

  public FakeGitRemote(Path bare) {
    this.bare = bare;
  }

  /** Every branch and its tip, as {@code GET /branches} lists them. */
  public Map<String, String> branches() {
    Map<String, String> out = new TreeMap<>();
    try (Repository git = open()) {
      for (Ref ref : git.getRefDatabase().getRefsByPrefix(Constants.R_HEADS)) {
        out.put(ref.getName().substring(Constants.R_HEADS.length()), ref.getObjectId().name());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /**
   * Merges {@code head} into {@code branch} as a forge's merge button would ({@code merge}: a merge
   * commit; {@code squash} and {@code rebase}: one commit on the branch with the merged tree).
   *
   * @return the new tip, or empty on a conflict
   */
  public Optional<String> merge(
      String branch, String head, String method, String message, Instant at) {
    try (Repository git = open();
        RevWalk walk = new RevWalk(git);
        ObjectInserter inserter = git.newObjectInserter()) {
      RevCommit tip = walk.parseCommit(git.exactRef(Constants.R_HEADS + branch).getObjectId());
      RevCommit theirs = walk.parseCommit(ObjectId.fromString(head));
      ResolveMerger merger =
          (ResolveMerger) MergeStrategy.RECURSIVE.newMerger(inserter, git.getConfig());
      if (!merger.merge(tip, theirs)) {
        return Optional.empty();
      }
      CommitBuilder commit = new CommitBuilder();
      commit.setTreeId(merger.getResultTreeId());
      if (method.equals("merge")) {
        commit.setParentIds(tip, theirs);
      } else {
        commit.setParentId(tip);
      }
      PersonIdent who = new PersonIdent("Forge", "noreply@forge.example", at, ZoneOffset.UTC);
      commit.setAuthor(who);
      commit.setCommitter(who);
      commit.setMessage(message);
      ObjectId id = inserter.insert(commit);
      inserter.flush();
      move(git, branch, tip, id);
      return Optional.of(id.name());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Moves {@code branch} to {@code sha} if that is a fast-forward; false otherwise. */
  public boolean fastForward(String branch, String sha) {
    try (Repository git = open();
        RevWalk walk = new RevWalk(git)) {
      Ref ref = git.exactRef(Constants.R_HEADS + branch);
      if (ref == null || !git.getObjectDatabase().has(ObjectId.fromString(sha))) {
        return false;
      }
      RevCommit tip = walk.parseCommit(ref.getObjectId());
      RevCommit next = walk.parseCommit(ObjectId.fromString(sha));
      if (!walk.isMergedInto(tip, next)) {
        return false;
      }
      move(git, branch, tip, next);
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whether commit {@code sha} is reachable from {@code tip}. */
  public boolean contains(String tip, String sha) {
    try (Repository git = open();
        RevWalk walk = new RevWalk(git)) {
      if (!git.getObjectDatabase().has(ObjectId.fromString(sha))) {
        return false;
      }
      return walk.isMergedInto(
          walk.parseCommit(ObjectId.fromString(sha)), walk.parseCommit(ObjectId.fromString(tip)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void move(Repository git, String branch, ObjectId from, ObjectId to)
      throws IOException {
    RefUpdate update = git.updateRef(Constants.R_HEADS + branch);
    update.setExpectedOldObjectId(from);
    update.setNewObjectId(to);
    RefUpdate.Result result = update.update();
    if (result != RefUpdate.Result.FAST_FORWARD && result != RefUpdate.Result.FORCED) {
      throw new IOException("fake remote: cannot move " + branch + ": " + result);
    }
  }

  private Repository open() throws IOException {
    return new FileRepositoryBuilder().setGitDir(bare.toFile()).setMustExist(true).build();
  }
}
