package dev.ciorchestrator.e2e;

import java.nio.file.Path;
import java.util.Map;

/**
 * Settings that give a test's service its own config, forge, runs and watermarks under one folder.
 */
public final class ServiceFolders {
  private ServiceFolders() {}

  public static Map<String, String> settings(Path dir, Path config) {
    return Map.of(
        "ci.config.repo-url", config.toString(),
        "ci.forge.local.state-file", dir.resolve("forge.json").toString(),
        "ci.forge.local.repos-dir", dir.resolve("repos").toString(),
        "ci.executor.local.work-dir", dir.resolve("runs").toString(),
        "ci.reconcile.state-file", dir.resolve("watermarks.json").toString());
  }
}
