package dev.ciorchestrator.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheEditor;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.util.FileUtils;

/**
 * Builds a bare repository with JGit's object inserter: commits are written straight into the
 * object database, so no work tree, checkout or transport is needed.
 */
final class BareRepo {
  static final String MAIN = "main";

  private final Repository repo;

  private BareRepo(Repository repo) {
    this.repo = repo;
  }

  /**
   * Creates the repository in a temporary sibling of {@code gitDir}, lets {@code fill} write its
   * branches, and only then renames it into place. A crash part-way therefore never leaves a
   * half-built repository at {@code gitDir} that a later start would take as complete.
   *
   * @return false when {@code gitDir} appeared meanwhile (another process made it); nothing changed
   */
  static boolean createAtomically(Path gitDir, Filler fill) throws IOException {
    Files.createDirectories(gitDir.getParent());
    Path tmp = Files.createTempDirectory(gitDir.getParent(), "." + gitDir.getFileName() + ".");
    try {
      try (Repository repo =
          new FileRepositoryBuilder().setGitDir(tmp.toFile()).setBare().build()) {
        repo.create(true);
        // HEAD names the default branch, whatever init.defaultBranch the machine has.
        repo.updateRef(Constants.HEAD).link(Constants.R_HEADS + MAIN);
        fill.fill(new BareRepo(repo));
      }
      Files.move(tmp, gitDir, StandardCopyOption.ATOMIC_MOVE);
      return true;
    } catch (IOException e) {
      if (Files.isDirectory(gitDir)) {
        return false;
      }
      throw e;
    } finally {
      if (Files.exists(tmp)) {
        FileUtils.delete(tmp.toFile(), FileUtils.RECURSIVE | FileUtils.SKIP_MISSING);
      }
    }
  }

  /** Writes what a new repository holds; runs before the repository is visible. */
  @FunctionalInterface
  interface Filler {
    void fill(BareRepo repo) throws IOException;
  }

  /**
   * Commits {@code files} on top of {@code from} (a branch, or {@code null} for a root commit) as
   * the new branch {@code branch}; files not named keep their content from {@code from}.
   *
   * @return the new commit's SHA
   */
  String commit(String branch, String from, List<DemoFile> files, String message, PersonIdent who)
      throws IOException {
    try (ObjectInserter inserter = repo.newObjectInserter();
        RevWalk walk = new RevWalk(repo)) {
      RevCommit parent =
          from == null ? null : walk.parseCommit(repo.resolve(Constants.R_HEADS + from));
      DirCache index =
          parent == null
              ? DirCache.newInCore()
              : DirCache.read(walk.getObjectReader(), parent.getTree());
      DirCacheEditor editor = index.editor();
      for (DemoFile file : files) {
        ObjectId blob = inserter.insert(Constants.OBJ_BLOB, file.content());
        FileMode mode = file.executable() ? FileMode.EXECUTABLE_FILE : FileMode.REGULAR_FILE;
        editor.add(
            new DirCacheEditor.PathEdit(file.path()) {
              @Override
              public void apply(DirCacheEntry entry) {
                entry.setFileMode(mode);
                entry.setObjectId(blob);
              }
            });
      }
      editor.finish();
      CommitBuilder commit = new CommitBuilder();
      commit.setTreeId(index.writeTree(inserter));
      if (parent != null) {
        commit.setParentId(parent);
      }
      commit.setAuthor(who);
      commit.setCommitter(who);
      commit.setMessage(message);
      ObjectId id = inserter.insert(commit);
      inserter.flush();
      createBranch(branch, id);
      return id.name();
    }
  }

  private void createBranch(String branch, ObjectId id) throws IOException {
    RefUpdate update = repo.updateRef(Constants.R_HEADS + branch);
    update.setNewObjectId(id);
    update.setExpectedOldObjectId(ObjectId.zeroId());
    RefUpdate.Result result = update.update();
    if (result != RefUpdate.Result.NEW) {
      throw new IOException("could not create branch " + branch + ": " + result);
    }
  }

  /** The commit {@code branch} points at in the existing repository {@code gitDir}, if any. */
  static Optional<String> head(Path gitDir, String branch) throws IOException {
    try (Repository repo = new FileRepositoryBuilder().setGitDir(gitDir.toFile()).build()) {
      ObjectId id = repo.resolve(Constants.R_HEADS + branch);
      return Optional.ofNullable(id).map(ObjectId::name);
    }
  }
}
