package dev.ciorchestrator.forge.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.RefSpec;

/** A real repository with a working tree, for building branches in tests. */
public final class TestGitRepo implements AutoCloseable {
  private final Git git;
  private final Path dir;

  private TestGitRepo(Git git, Path dir) {
    this.git = git;
    this.dir = dir;
  }

  public static TestGitRepo init(Path dir) throws GitAPIException {
    return new TestGitRepo(
        Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call(), dir);
  }

  Path gitDir() {
    return git.getRepository().getDirectory().toPath();
  }

  /** Checks out {@code branch} (created from {@code from} if new) and commits the changes. */
  public String commit(String branch, String from, Map<String, String> writes, String... deletes)
      throws IOException, GitAPIException {
    boolean exists = git.getRepository().exactRef("refs/heads/" + branch) != null;
    boolean unborn = git.getRepository().resolve("HEAD") == null;
    if (!unborn) {
      git.checkout().setName(branch).setCreateBranch(!exists).setStartPoint(from).call();
    }
    for (Map.Entry<String, String> w : writes.entrySet()) {
      Path file = dir.resolve(w.getKey());
      Files.createDirectories(file.getParent());
      Files.writeString(file, w.getValue());
      git.add().addFilepattern(w.getKey()).call();
    }
    for (String d : deletes) {
      git.rm().addFilepattern(d).call();
    }
    RevCommit c = git.commit().setMessage("change").setAuthor("t", "t@example.com").call();
    return c.name();
  }

  String commit(String branch, Map<String, String> writes, String... deletes)
      throws IOException, GitAPIException {
    return commit(branch, "main", writes, deletes);
  }

  /** Every ref and every file of the Git dir with its size, to prove a reader wrote nothing. */
  Map<String, String> snapshot() throws IOException {
    Map<String, String> all = new TreeMap<>();
    for (Ref ref : git.getRepository().getRefDatabase().getRefs()) {
      all.put("ref " + ref.getName(), String.valueOf(ref.getObjectId()));
    }
    try (Stream<Path> files = Files.walk(gitDir())) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        all.put("file " + gitDir().relativize(f), String.valueOf(Files.size(f)));
      }
    }
    return all;
  }

  /** Commits as {@code name} (author and message), to tell rebased commits apart. */
  String commitAs(
      String branch, String from, String name, String message, Map<String, String> writes)
      throws IOException, GitAPIException {
    boolean exists = git.getRepository().exactRef("refs/heads/" + branch) != null;
    git.checkout().setName(branch).setCreateBranch(!exists).setStartPoint(from).call();
    for (Map.Entry<String, String> w : writes.entrySet()) {
      Path file = dir.resolve(w.getKey());
      Files.createDirectories(file.getParent());
      Files.writeString(file, w.getValue());
      git.add().addFilepattern(w.getKey()).call();
    }
    return git.commit().setMessage(message).setAuthor(name, name + "@example.com").call().name();
  }

  /** A bare clone with every branch, as the local forge keeps repositories. */
  public Path bareClone(Path bare) throws GitAPIException {
    Git.cloneRepository()
        .setURI(dir.toUri().toString())
        .setDirectory(bare.toFile())
        .setBare(true)
        .setCloneAllBranches(true)
        .call()
        .close();
    return bare;
  }

  /** Force-pushes every branch to {@code bare}, as a developer's push would. */
  void pushAll(Path bare) throws GitAPIException {
    git.push()
        .setRemote(bare.toUri().toString())
        .setRefSpecs(new RefSpec("+refs/heads/*:refs/heads/*"))
        .call();
  }

  /** Pushes one branch to {@code bare}, leaving the others (the forge may have moved them). */
  public void push(Path bare, String branch) throws GitAPIException {
    git.push()
        .setRemote(bare.toUri().toString())
        .setRefSpecs(new RefSpec("+refs/heads/" + branch + ":refs/heads/" + branch))
        .call();
  }

  public static Map<String, String> files(String... pathThenContent) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < pathThenContent.length; i += 2) {
      map.put(pathThenContent[i], pathThenContent[i + 1]);
    }
    return map;
  }

  /** Moves the working tree back to {@code branch}, so the next commit can start from it. */
  public void checkout(String branch) throws GitAPIException {
    git.checkout().setName(branch).call();
  }

  @Override
  public void close() {
    git.close();
  }

  /**
   * Branches {@code change-1 … change-<count>} in the bare repository {@code bare}, each one commit
   * on {@code main} adding its own file, written straight into the object store (a thousand
   * checkouts would take minutes): every change gets its own head SHA, as real changes have.
   *
   * @return the head SHA of each branch, by change number (index 0 is change 1)
   */
  public static List<String> branchesOnMain(Path bare, int count) throws IOException {
    List<String> heads = new ArrayList<>(count);
    try (Repository repo = new FileRepositoryBuilder().setGitDir(bare.toFile()).build();
        ObjectInserter inserter = repo.newObjectInserter();
        RevWalk walk = new RevWalk(repo)) {
      RevCommit main = walk.parseCommit(repo.resolve("refs/heads/main"));
      PersonIdent who = new PersonIdent("bench", "bench@example.com");
      for (int n = 1; n <= count; n++) {
        DirCache index = DirCache.newInCore();
        DirCacheBuilder builder = index.builder();
        builder.addTree(new byte[0], 0, walk.getObjectReader(), main.getTree());
        DirCacheEntry file = new DirCacheEntry("change-" + n + ".txt");
        file.setFileMode(FileMode.REGULAR_FILE);
        file.setObjectId(
            inserter.insert(
                Constants.OBJ_BLOB, ("change " + n + "\n").getBytes(StandardCharsets.UTF_8)));
        builder.add(file);
        builder.finish();
        CommitBuilder commit = new CommitBuilder();
        commit.setTreeId(index.writeTree(inserter));
        commit.setParentId(main);
        commit.setAuthor(who);
        commit.setCommitter(who);
        commit.setMessage("Change " + n);
        ObjectId id = inserter.insert(commit);
        heads.add(id.name());
        RefUpdate update = repo.updateRef("refs/heads/change-" + n);
        update.setNewObjectId(id);
        update.forceUpdate();
      }
      inserter.flush();
    }
    return heads;
  }
}
