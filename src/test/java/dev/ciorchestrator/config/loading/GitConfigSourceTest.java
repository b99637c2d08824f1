package dev.ciorchestrator.config.loading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ciorchestrator.config.model.ConfigFile;
import dev.ciorchestrator.config.sync.TestRepo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Revisions of a local repository, opened in place. */
class GitConfigSourceTest {
  @TempDir Path tmp;
  TestRepo repo;
  String first;
  String second;

  @BeforeEach
  void repository() throws Exception {
    repo = TestRepo.init(tmp.resolve("repo"));
    first = repo.write("jobs.yaml", "a: 1\n").commit("first");
    repo.tag("v1", true);
    repo.tag("light", false);
    second = repo.write("jobs.yaml", "a: 2\n").commit("second");
    repo.checkout("dev", true);
    repo.write("dev.yaml", "d: 1\n").commit("dev");
    repo.checkout("main", false);
  }

  @AfterEach
  void close() {
    repo.close();
  }

  @Test
  void resolvesBranchesTagsShasAndHead() throws IOException {
    assertThat(resolve("main")).isEqualTo(second);
    assertThat(resolve("refs/heads/main")).isEqualTo(second);
    assertThat(resolve("dev")).isNotIn(first, second).hasSize(40);
    assertThat(resolve("v1")).as("annotated tag peels to its commit").isEqualTo(first);
    assertThat(resolve("light")).isEqualTo(first);
    assertThat(resolve(first)).isEqualTo(first);
    assertThat(resolve(first.substring(0, 8))).isEqualTo(first);
    assertThat(resolve("HEAD")).isEqualTo(second);
    assertThat(resolve("")).as("blank means HEAD").isEqualTo(second);
  }

  @Test
  void unknownRevisionNamesBranchesAndTags() {
    assertThatThrownBy(() -> resolve("nope"))
        .isInstanceOf(IOException.class)
        .hasMessage(
            "revision 'nope' not found in "
                + repo.dir()
                + " (branches: dev, main; tags: light, v1)");
  }

  @Test
  void readsCommittedFilesNotTheWorkTree() throws Exception {
    repo.write("jobs.yaml", "a: dirty\n").write("untracked.yaml", "u: 1\n");
    try (GitConfigSource source = source("main", "")) {
      List<ConfigFile> files = source.read(source.resolve());
      assertThat(files).extracting(ConfigFile::path).containsExactly("jobs.yaml");
      assertThat(text(files.get(0))).isEqualTo("a: 2\n");
      assertThat(text(source.read(first).get(0))).isEqualTo("a: 1\n");
    }
  }

  @Test
  void blobIdIsTheGitBlobId() throws Exception {
    try (GitConfigSource source = source("main", "")) {
      ConfigFile file = source.read(second).get(0);
      String expected = repo.git().getRepository().resolve(second + ":jobs.yaml").name();
      assertThat(file.blobId()).isEqualTo(expected);
    }
  }

  @Test
  void readsABareRepository() throws Exception {
    Path bare = tmp.resolve("bare.git");
    Git.cloneRepository()
        .setURI(repo.dir().toUri().toString())
        .setDirectory(bare.toFile())
        .setBare(true)
        .call()
        .close();
    try (GitConfigSource source = new GitConfigSource(bare.toString(), "v1", "", tmp)) {
      assertThat(source.resolve()).isEqualTo(first);
      assertThat(source.read(first)).extracting(ConfigFile::path).containsExactly("jobs.yaml");
      assertThat(source.fetches()).isZero();
    }
  }

  @Test
  void describeShowsUrlRevisionAndPath() throws IOException {
    try (GitConfigSource source = source("main", "/ci/")) {
      assertThat(source.describe()).isEqualTo(repo.dir() + "@main:ci/");
    }
  }

  @Test
  void refusesPathsLeavingTheRepository() {
    assertThatThrownBy(() -> source("main", "ci/../../etc"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("inside the repository");
  }

  private String resolve(String revision) throws IOException {
    try (GitConfigSource source = source(revision, "")) {
      return source.resolve();
    }
  }

  private GitConfigSource source(String revision, String path) throws IOException {
    return new GitConfigSource(repo.dir().toString(), revision, path, tmp.resolve("cache"));
  }

  static String text(ConfigFile file) {
    return new String(file.content(), StandardCharsets.UTF_8);
  }
}
