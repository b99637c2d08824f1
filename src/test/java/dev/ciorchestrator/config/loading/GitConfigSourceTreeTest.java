package dev.ciorchestrator.config.loading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ciorchestrator.config.model.ConfigFile;
import dev.ciorchestrator.config.sync.TestRepo;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which files of a commit's tree are config: the {@code path} folder, YAML only, no dot-folders.
 */
class GitConfigSourceTreeTest {
  @TempDir Path tmp;
  TestRepo repo;

  @BeforeEach
  void monorepo() throws Exception {
    repo =
        TestRepo.init(tmp.resolve("mono"))
            .write("README.md", "# app\n")
            .write("app/deploy.yaml", "not: config\n")
            .write("ci/repos.yaml", "r: 1\n")
            .write("ci/jobs/go.yml", "j: 1\n")
            .write("ci/jobs/notes.txt", "not yaml\n")
            .write("ci/jobs/UPPER.YAML", "u: 1\n")
            .write("ci/.hidden/secret.yaml", "h: 1\n")
            .write("ci/.github/workflows/x.yaml", "h: 2\n")
            .write("ci.yaml", "outside: 1\n");
  }

  @AfterEach
  void close() {
    repo.close();
  }

  @Test
  void readsOnlyYamlUnderPathRelativeToIt() throws Exception {
    String sha = repo.commit("mono");
    assertThat(paths("ci", sha)).containsExactly("jobs/UPPER.YAML", "jobs/go.yml", "repos.yaml");
  }

  @Test
  void rootPathReadsEverythingVisible() throws Exception {
    String sha = repo.commit("mono");
    assertThat(paths("", sha))
        .containsExactly(
            "app/deploy.yaml", "ci.yaml", "ci/jobs/UPPER.YAML", "ci/jobs/go.yml", "ci/repos.yaml");
  }

  @Test
  void missingPathNamesPathAndCommit() throws Exception {
    String sha = repo.commit("mono");
    assertThatThrownBy(() -> paths("deploy/ci", sha))
        .isInstanceOf(IOException.class)
        .hasMessage("path 'deploy/ci' not found at commit " + sha);
    assertThatThrownBy(() -> paths("ci.yaml", sha))
        .hasMessage("path 'ci.yaml' is not a folder at commit " + sha);
  }

  @Test
  void largeBlobIsReadOnlyUpToTheLimitPlusOne() throws Exception {
    byte[] big = new byte[YamlLimits.MAX_FILE_BYTES + 4096];
    Arrays.fill(big, (byte) 'x');
    String sha = repo.write("ci/huge.yaml", big).commit("huge");
    try (GitConfigSource source = source("ci")) {
      ConfigFile huge =
          source.read(sha).stream().filter(f -> f.path().equals("huge.yaml")).findFirst().get();
      assertThat(huge.content()).hasSize(YamlLimits.MAX_FILE_BYTES + 1);
      assertThat(huge.blobId())
          .isEqualTo(repo.git().getRepository().resolve(sha + ":ci/huge.yaml").name());
    }
  }

  @Test
  void unknownCommitIsAnError() throws Exception {
    repo.commit("mono");
    try (GitConfigSource source = source("ci")) {
      assertThatThrownBy(() -> source.read("0123456789012345678901234567890123456789"))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("0123456789012345678901234567890123456789");
    }
  }

  private List<String> paths(String path, String sha) throws IOException {
    try (GitConfigSource source = source(path)) {
      return source.read(sha).stream().map(ConfigFile::path).toList();
    }
  }

  private GitConfigSource source(String path) throws IOException {
    return new GitConfigSource(repo.dir().toString(), "main", path, tmp.resolve("cache"));
  }
}
