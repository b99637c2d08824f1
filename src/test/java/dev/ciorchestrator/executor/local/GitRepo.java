package dev.ciorchestrator.executor.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;

/** A real repository in a temp folder, with commits at fixed, increasing times. */
public final class GitRepo implements AutoCloseable {
  private final Git git;
  private final Path dir;
  private long time = 1_700_000_000L;

  private GitRepo(Git git, Path dir) {
    this.git = git;
    this.dir = dir;
  }

  public static GitRepo init(Path dir) throws GitAPIException {
    return new GitRepo(Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call(), dir);
  }

  public Path dir() {
    return dir;
  }

  public GitRepo write(String path, String text) throws IOException {
    Path file = dir.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return this;
  }

  public String commit(String message) throws GitAPIException {
    time += 60;
    PersonIdent who =
        new PersonIdent("Alice", "alice@example.com", Instant.ofEpochSecond(time), ZoneOffset.UTC);
    git.add().addFilepattern(".").call();
    return git.commit().setMessage(message).setAuthor(who).setCommitter(who).call().name();
  }

  public void checkout(String branch, boolean create) throws GitAPIException {
    git.checkout().setName(branch).setCreateBranch(create).call();
  }

  @Override
  public void close() {
    git.close();
  }
}
