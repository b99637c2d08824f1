package dev.ciorchestrator.web;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.transport.RefSpec;

/**
 * A local forge with its own state file and repositories folder, shared by the tests that need real
 * repositories behind the API (one profile: Quarkus starts once for all of them).
 */
public class LocalForgeReposProfile implements QuarkusTestProfile {
  @Override
  public Map<String, String> getConfigOverrides() {
    try {
      Path dir = Files.createTempDirectory("local-forge-repos");
      return Map.of(
          "ci.forge.local.state-file", dir.resolve("state.json").toString(),
          "ci.forge.local.repos-dir", dir.resolve("repos").toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A working repository with {@code main} and {@code feat}, pushed to the forge's bare one. */
  public static final class Work implements AutoCloseable {
    private final Git git;
    private final Path dir;
    private final Path bare;

    public Work(Path dir, Path bare) throws GitAPIException, IOException {
      this.dir = dir;
      this.bare = bare;
      this.git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call();
      commit("a.txt", "a\n");
      git.checkout().setName("feat").setCreateBranch(true).call();
      commit("b.txt", "b\n");
      Git.init().setBare(true).setDirectory(bare.toFile()).call().close();
      push();
    }

    /** Commits on the checked-out branch ({@code feat}) and pushes; the new SHA. */
    public String commit(String path, String content) throws GitAPIException, IOException {
      Files.writeString(dir.resolve(path), content);
      git.add().addFilepattern(path).call();
      return git.commit().setMessage(path).setAuthor("t", "t@example.com").call().name();
    }

    /** A new branch {@code name} at the checked-out commit, pushed. */
    public void branch(String name) throws GitAPIException {
      git.branchCreate().setName(name).call();
      push();
    }

    public void push() throws GitAPIException {
      git.push()
          .setRemote(bare.toUri().toString())
          .setRefSpecs(new RefSpec("+refs/heads/*:refs/heads/*"))
          .call();
    }

    @Override
    public void close() {
      git.close();
    }
  }
}
