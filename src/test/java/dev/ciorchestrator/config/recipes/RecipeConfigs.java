package dev.ciorchestrator.config.recipes;

import dev.ciorchestrator.config.loading.ConfigLoader;
import dev.ciorchestrator.config.model.ConfigFile;
import dev.ciorchestrator.config.model.ConfigSnapshot;
import dev.ciorchestrator.config.model.LoadResult;
import dev.ciorchestrator.policy.cel.CelPolicyEngine;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Loads YAML texts given inline as a config revision, as the service would. */
final class RecipeConfigs {
  static final String REPO =
      """
      apiVersion: ci-orchestrator/v1
      kind: Repository
      name: demo/app
      forge: local
      """;

  private RecipeConfigs() {}

  /** {@code pathAndText} alternates file paths and their YAML. */
  static LoadResult load(String... pathAndText) {
    List<ConfigFile> files = new ArrayList<>();
    files.add(file("repo.yaml", REPO));
    for (int i = 0; i < pathAndText.length; i += 2) {
      files.add(file(pathAndText[i], pathAndText[i + 1]));
    }
    return new ConfigLoader(new CelPolicyEngine()).load("rev", files);
  }

  static ConfigSnapshot snapshot(String... pathAndText) {
    LoadResult result = load(pathAndText);
    if (result instanceof LoadResult.Failed failed) {
      throw new AssertionError("config did not load: " + failed.errors());
    }
    return ((LoadResult.Loaded) result).snapshot();
  }

  private static ConfigFile file(String path, String text) {
    return new ConfigFile(path, path + text.hashCode(), text.getBytes(StandardCharsets.UTF_8));
  }
}
