package dev.ciorchestrator.config.sync;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;

/** A real Git repository in a temp folder, built with JGit, for tests that need commits. */
public final class TestRepo implements AutoCloseable {
  private static final PersonIdent AUTHOR = new PersonIdent("Test", "test@example.com");

  private final Git git;
  private final Path dir;

  private TestRepo(Git git, Path dir) {
    this.git = git;
    this.dir = dir;
  }

  /** A non-bare repository with {@code main} as its first branch. */
  public static TestRepo init(Path dir) throws GitAPIException {
    return new TestRepo(Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call(), dir);
  }

  /** An existing work tree, e.g. one a Quarkus test resource created. */
  public static TestRepo open(Path dir) throws IOException {
    return new TestRepo(Git.open(dir.toFile()), dir);
  }

  public Path dir() {
    return dir;
  }

  public Git git() {
    return git;
  }

  /** Writes a file of the work tree (not yet committed). */
  public TestRepo write(String path, String content) throws IOException {
    return write(path, content.getBytes(StandardCharsets.UTF_8));
  }

  public TestRepo write(String path, byte[] content) throws IOException {
    Path file = dir.resolve(path);
    Files.createDirectories(file.getParent());
    Files.write(file, content);
    return this;
  }

  public TestRepo delete(String path) throws IOException {
    Files.delete(dir.resolve(path));
    return this;
  }

  /** Stages every change, deletions too, and commits; returns the new commit SHA. */
  public String commit(String message) throws GitAPIException {
    git.add().addFilepattern(".").call();
    git.add().addFilepattern(".").setUpdate(true).call();
    return git.commit()
        .setMessage(message)
        .setAuthor(AUTHOR)
        .setCommitter(AUTHOR)
        .setSign(false)
        .call()
        .name();
  }

  public void checkout(String branch, boolean create) throws GitAPIException {
    git.checkout().setName(branch).setCreateBranch(create).call();
  }

  public void tag(String name, boolean annotated) throws GitAPIException {
    if (annotated) {
      git.tag().setName(name).setMessage(name).setTagger(AUTHOR).setSigned(false).call();
    } else {
      git.tag().setName(name).setAnnotated(false).call();
    }
  }

  @Override
  public void close() {
    git.close();
  }
}
