package dev.ciorchestrator.config.diff;

import dev.ciorchestrator.config.loading.ConfigLoader;
import dev.ciorchestrator.config.loading.DirectoryConfigSource;
import dev.ciorchestrator.config.model.ConfigSnapshot;
import dev.ciorchestrator.config.model.LoadResult;
import dev.ciorchestrator.policy.cel.CelPolicyEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Config folders written from text and loaded by the real loader, as the service loads them. */
public final class Configs {
  public static final String REPO =
      """
      apiVersion: ci-orchestrator/v1
      kind: Repository
      name: demo/app
      forge: local
      trust: {users: [alice]}
      """;
  public static final String JOB =
      """
      apiVersion: ci-orchestrator/v1
      kind: Job
      name: test
      repos: [demo/app]
      triggers: {pullRequest: {branches: [main], paths: ["**/*.go"]}}
      run: go test ./...
      timeout: 20m
      """;
  public static final String GATE =
      """
      apiVersion: ci-orchestrator/v1
      kind: Policy
      name: two-approvals
      type: gate
      rule: "size(change.approvals) >= 2"
      message: "'needs 2 approvals'"
      """;

  private Configs() {}

  /** Loads the files (path, then content) written under {@code dir}; fails if they are invalid. */
  public static ConfigSnapshot load(Path dir, String... pathThenContent) throws IOException {
    Files.createDirectories(dir);
    for (int i = 0; i < pathThenContent.length; i += 2) {
      Path file = dir.resolve(pathThenContent[i]);
      Files.createDirectories(file.getParent());
      Files.writeString(file, pathThenContent[i + 1]);
    }
    DirectoryConfigSource source = new DirectoryConfigSource(dir);
    LoadResult result =
        new ConfigLoader(new CelPolicyEngine()).load(source.resolve(), source.read(null));
    if (result instanceof LoadResult.Failed failed) {
      throw new IllegalArgumentException("fixture config invalid: " + failed.errors());
    }
    return ((LoadResult.Loaded) result).snapshot();
  }
}
