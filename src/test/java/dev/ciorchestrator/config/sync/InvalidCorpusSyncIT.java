package dev.ciorchestrator.config.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.config.loading.ConfigCorpus;
import dev.ciorchestrator.config.loading.ConfigLoader;
import dev.ciorchestrator.config.loading.GitConfigSource;
import dev.ciorchestrator.config.model.ConfigError;
import dev.ciorchestrator.policy.cel.CelPolicyEngine;
import dev.ciorchestrator.testing.MutableClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The whole invalid corpus as a history: a good config, then one commit per invalid case on top
 * (each replacing {@code ci/}), synced with the real loader. Every bad commit must report exactly
 * its case's errors while the good snapshot keeps running.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InvalidCorpusSyncIT {
  @TempDir static Path tmp;
  TestRepo repo;
  GitConfigSource source;
  ConfigSync sync;
  String good;

  @BeforeAll
  void goodConfig() throws Exception {
    repo = TestRepo.init(tmp.resolve("config"));
    repo.write("README.md", "config lives in ci/\n");
    good = replaceConfig(ConfigCorpus.VALID, "valid config");
    source = new GitConfigSource(repo.dir().toString(), "main", "ci", tmp.resolve("cache"));
    ConfigLoader loader = new ConfigLoader(new CelPolicyEngine());
    sync = new ConfigSync(source, loader, new MutableClock(Instant.EPOCH));
    assertThat(sync.sync().state()).isEqualTo(SyncState.SYNCED);
  }

  @AfterAll
  void close() {
    source.close();
    repo.close();
  }

  static Stream<Path> cases() {
    return ConfigCorpus.invalidCases().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void eachBadCommitReportsItsErrorsAndKeepsTheGoodConfig(Path invalidCase) throws Exception {
    String bad = replaceConfig(invalidCase, "break: " + invalidCase.getFileName());
    SyncStatus status = sync.sync();
    assertThat(status.state()).isEqualTo(SyncState.ERROR);
    assertThat(status.resolvedRevision()).isEqualTo(bad);
    assertThat(status.errors())
        .extracting(ConfigError::format)
        .containsExactlyElementsOf(ConfigCorpus.expectedErrors(invalidCase));
    assertThat(status.runningRevision()).isEqualTo(good);
    assertThat(sync.current().revision()).isEqualTo(good);
    assertThat(sync.current().jobs()).isNotEmpty();
  }

  @Test
  void theCorpusIsThere() {
    assertThat(ConfigCorpus.invalidCases()).hasSizeGreaterThanOrEqualTo(35);
  }

  /** Makes {@code ci/} hold exactly the YAML files of {@code folder}, and commits. */
  private String replaceConfig(Path folder, String message) throws Exception {
    Path ci = repo.dir().resolve("ci");
    if (Files.exists(ci)) {
      try (Stream<Path> old = Files.walk(ci)) {
        for (Path p : old.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
    for (Path file : files(folder)) {
      repo.write(
          "ci/" + folder.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
    }
    return repo.commit(message);
  }

  private static List<Path> files(Path folder) throws IOException {
    try (Stream<Path> all = Files.walk(folder)) {
      return all.filter(Files::isRegularFile)
          .filter(p -> !p.getFileName().toString().equals("expected.txt"))
          .sorted()
          .toList();
    }
  }
}
