package dev.ciorchestrator.config.model;

import java.util.List;

/** A load either yields a snapshot or every error found, never half of one. */
public sealed interface LoadResult {
  record Loaded(ConfigSnapshot snapshot) implements LoadResult {}

  record Failed(String revision, List<ConfigError> errors) implements LoadResult {
    public Failed {
      errors = errors.stream().sorted(ConfigError.ORDER).toList();
    }
  }
}
