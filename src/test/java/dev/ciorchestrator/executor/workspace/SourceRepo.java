package dev.ciorchestrator.executor.workspace;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;

/** A real repository in a temp folder, with commits at fixed, increasing times. */
final class SourceRepo implements AutoCloseable {
  private final Git git;
  private final Path dir;
  private long time = 1_700_000_000L;

  private SourceRepo(Git git, Path dir) {
    this.git = git;
    this.dir = dir;
  }

  static SourceRepo init(Path dir) throws GitAPIException {
    return new SourceRepo(
        Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call(), dir);
  }

  Path dir() {
    return dir;
  }

  SourceRepo write(String path, String text) throws IOException {
    Path file = dir.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return this;
  }

  String commit(String message) throws GitAPIException {
    time += 60;
    PersonIdent who =
        new PersonIdent("Alice", "alice@example.com", Instant.ofEpochSecond(time), ZoneOffset.UTC);
    git.add().addFilepattern(".").call();
    return git.commit().setMessage(message).setAuthor(who).setCommitter(who).call().name();
  }

  void checkout(String branch, boolean create) throws GitAPIException {
    git.checkout().setName(branch).setCreateBranch(create).call();
  }

  /** Every ref and the object it names, to prove a build wrote nothing here. */
  Map<String, String> refs() throws IOException {
    Map<String, String> refs = new TreeMap<>();
    for (Ref ref : git.getRepository().getRefDatabase().getRefs()) {
      refs.put(ref.getName(), ref.getObjectId() == null ? "" : ref.getObjectId().name());
    }
    return refs;
  }

  @Override
  public void close() {
    git.close();
  }
}
