package dev.ciorchestrator.web;

import dev.ciorchestrator.config.sync.TestRepo;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A real config repository for a Quarkus test, created before the application starts (its first
 * sync happens at startup), with the config under {@code ci/} as in a monorepo.
 */
public class ConfigRepoResource implements QuarkusTestResourceLifecycleManager {
  static final String GOOD =
      """
      apiVersion: ci-orchestrator/v1
      kind: Repository
      name: demo/hello
      forge: local
      ---
      apiVersion: ci-orchestrator/v1
      kind: Job
      name: unit
      repos: [demo/hello]
      run: make test
      """;

  private Path dir;

  @Override
  public Map<String, String> start() {
    try {
      dir = Files.createTempDirectory("ci-config-repo");
      try (TestRepo repo = TestRepo.init(dir.resolve("repo"))) {
        repo.write("README.md", "app, with its CI config in ci/\n");
        repo.write("ci/config.yaml", GOOD).commit("good config");
      }
      return Map.of(
          "ci.config.repo-url",
          dir.resolve("repo").toString(),
          "ci.config.revision",
          "main",
          "ci.config.path",
          "ci",
          "ci.config.cache-dir",
          dir.resolve("cache").toString());
    } catch (Exception e) {
      throw new IllegalStateException("cannot create the config repository", e);
    }
  }

  @Override
  public void stop() {
    try (Stream<Path> all = Files.walk(dir)) {
      all.sorted(Comparator.reverseOrder()).forEach(ConfigRepoResource::delete);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void delete(Path p) {
    try {
      Files.delete(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
