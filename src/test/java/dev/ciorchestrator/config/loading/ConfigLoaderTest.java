package dev.ciorchestrator.config.loading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.ciorchestrator.config.model.ConfigError;
import dev.ciorchestrator.config.model.ConfigFile;
import dev.ciorchestrator.config.model.LoadResult;
import dev.ciorchestrator.policy.Compilation;
import dev.ciorchestrator.policy.PolicyEngine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  private static final Duration HANG_GUARD = Duration.ofSeconds(10);

  private static final String JOB =
      """
      apiVersion: ci-orchestrator/v1
      kind: Job
      name: %s
      repos: ["*"]
      run: make
      """;

  private final ConfigLoader loader = new ConfigLoader(new FakePolicyEngine());

  @Test
  void emptyFilesAndCommentOnlyFilesAreValidAndHoldNothing() {
    LoadResult result =
        loader.load(
            "r", List.of(file("empty.yaml", ""), file("comments.yaml", "# nothing\n---\n")));

    assertThat(result).isInstanceOf(LoadResult.Loaded.class);
    assertThat(((LoadResult.Loaded) result).snapshot().summary())
        .isEqualTo("0 repositories, 0 jobs, 0 policies");
  }

  @Test
  void reloadReparsesOnlyTheChangedFile() {
    List<ConfigFile> first =
        List.of(job("a.yaml", "a", "1"), job("b.yaml", "b", "1"), job("c.yaml", "c", "1"));
    loader.load("r1", first);
    assertThat(loader.parses()).isEqualTo(3);

    List<ConfigFile> second = List.of(first.get(0), job("b.yaml", "b2", "2"), first.get(2));
    LoadResult result = loader.load("r2", second);

    assertThat(loader.parses()).isEqualTo(4);
    assertThat(((LoadResult.Loaded) result).snapshot().job("b2")).isPresent();
  }

  @Test
  void cacheKeepsOnlyTheFilesOfTheLatestLoad() {
    ConfigFile a1 = job("a.yaml", "a", "1");
    loader.load("r1", List.of(a1));
    loader.load("r2", List.of(job("a.yaml", "a", "2")));
    loader.load("r3", List.of(a1));

    assertThat(loader.parses()).isEqualTo(3);
  }

  @Test
  void sameBlobAtAnotherPathIsParsedForThatPath() {
    ConfigFile a = job("a.yaml", "a", "same");
    LoadResult result = loader.load("r", List.of(a, new ConfigFile("b.yaml", "same", a.content())));

    assertThat(loader.parses()).isEqualTo(2);
    assertThat(errors(result))
        .containsExactly("b.yaml:3:7: name: duplicate Job name 'a' (first at a.yaml:3:7)");
  }

  @Test
  void cachedErrorsAreReportedAgain() {
    ConfigFile bad = file("bad.yaml", "kind: Nope\n");
    List<String> first = errors(loader.load("r1", List.of(bad)));
    List<String> second = errors(loader.load("r2", List.of(bad)));

    assertThat(loader.parses()).isEqualTo(1);
    assertThat(second).isEqualTo(first).isNotEmpty();
  }

  @Test
  void refusesA50MegabyteFileByItsLength(@TempDir Path dir) throws IOException {
    Path big = dir.resolve("big.yaml");
    byte[] megabyte = "key: value\n".repeat(1024 * 1024 / 11).getBytes(StandardCharsets.UTF_8);
    try (var out = Files.newOutputStream(big)) {
      for (int i = 0; i < 50; i++) {
        out.write(megabyte);
      }
    }
    List<ConfigFile> files = new DirectoryConfigSource(dir).read(null);
    byte[] whole = new byte[50 * 1024 * 1024];
    assertThat(Files.size(big)).isGreaterThan(45L * 1024 * 1024);

    assertThat(files.get(0).content()).hasSize(YamlLimits.MAX_FILE_BYTES + 1);
    String expected =
        "big.yaml:1:1: file is larger than "
            + YamlLimits.MAX_FILE_BYTES
            + " bytes, the limit for one config file; split it into several files";
    assertThat(errors(assertTimeoutPreemptively(HANG_GUARD, () -> loader.load("r", files))))
        .containsExactly(expected);
    assertThat(errors(loader.load("r", List.of(new ConfigFile("big.yaml", "x", whole)))))
        .containsExactly(expected);
  }

  @Test
  void aFileJustWithinTheLimitIsParsed() {
    String padding = "#".repeat(YamlLimits.MAX_FILE_BYTES - JOB.length() - 10) + "\n";
    ConfigFile file = file("padded.yaml", padding + JOB.formatted("padded"));

    assertThat(file.content().length).isLessThanOrEqualTo(YamlLimits.MAX_FILE_BYTES);
    assertThat(assertTimeoutPreemptively(HANG_GUARD, () -> loader.load("r", List.of(file))))
        .isInstanceOf(LoadResult.Loaded.class);
  }

  /** Random bytes, and a valid file with random bytes flipped: a result every time, no throw. */
  @Test
  void neverThrowsOnDamagedInput() {
    Random random = new Random(42);
    byte[] valid = JOB.formatted("fuzz").getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < 500; i++) {
      byte[] input = i % 2 == 0 ? new byte[random.nextInt(300)] : valid.clone();
      if (i % 2 == 0) {
        random.nextBytes(input);
      } else {
        for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
          input[random.nextInt(input.length)] = (byte) random.nextInt(128);
        }
      }
      ConfigFile file = new ConfigFile("fuzz.yaml", "b" + i, input);
      assertThat(assertTimeoutPreemptively(HANG_GUARD, () -> loader.load("r", List.of(file))))
          .isNotNull();
    }
  }

  @Test
  void anEngineBugBecomesAnErrorAtTheExpression() {
    PolicyEngine broken =
        (source, type) -> {
          throw new IllegalStateException("boom");
        };
    ConfigFile file =
        file(
            "p.yaml",
            "apiVersion: ci-orchestrator/v1\nkind: Policy\nname: p\ntype: gate\nrule: x\n");

    assertThat(errors(new ConfigLoader(broken).load("r", List.of(file))))
        .containsExactly(
            "p.yaml:5:7: rule: internal error while compiling: java.lang.IllegalStateException: boom");
  }

  @Test
  void anEngineReturningNothingUsableStillYieldsAResult() {
    PolicyEngine empty = (source, type) -> new Compilation.Invalid(List.of());
    ConfigFile file =
        file(
            "p.yaml",
            "apiVersion: ci-orchestrator/v1\nkind: Policy\nname: p\ntype: gate\nrule: x\n");

    LoadResult result = new ConfigLoader(empty).load("r", List.of(file));

    assertThat(result).isInstanceOf(LoadResult.Loaded.class);
  }

  @Test
  void concurrentLoadsAgree() throws Exception {
    List<ConfigFile> files = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      files.add(job("job" + i + ".yaml", "job-" + i, "v" + i));
    }
    files.add(file("bad.yaml", "kind: Job\n"));
    List<String> expected = errors(new ConfigLoader(new FakePolicyEngine()).load("r", files));
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<LoadResult>> results = new ArrayList<>();
      for (int i = 0; i < 64; i++) {
        results.add(pool.submit(() -> loader.load("r", files)));
      }
      for (Future<LoadResult> r : results) {
        assertThat(errors(r.get())).isEqualTo(expected);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static ConfigFile job(String path, String name, String blob) {
    return new ConfigFile(path, blob, JOB.formatted(name).getBytes(StandardCharsets.UTF_8));
  }

  private static ConfigFile file(String path, String text) {
    return new ConfigFile(
        path, Integer.toHexString(text.hashCode()), text.getBytes(StandardCharsets.UTF_8));
  }

  static List<String> errors(LoadResult result) {
    assertThat(result).isInstanceOf(LoadResult.Failed.class);
    return ((LoadResult.Failed) result).errors().stream().map(ConfigError::format).toList();
  }
}
