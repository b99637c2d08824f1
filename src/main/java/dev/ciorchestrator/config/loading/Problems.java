package dev.ciorchestrator.config.loading;

import dev.ciorchestrator.config.model.ConfigError;
import dev.ciorchestrator.config.model.SourcePosition;
import java.util.ArrayList;
import java.util.List;

/** Collects the errors of one load step; binding goes on after an error to find the next one. */
final class Problems {
  private final List<ConfigError> errors = new ArrayList<>();

  void add(SourcePosition position, String field, String message) {
    errors.add(new ConfigError(position, field, message));
  }

  void addAll(List<ConfigError> more) {
    errors.addAll(more);
  }

  int count() {
    return errors.size();
  }

  List<ConfigError> list() {
    return List.copyOf(errors);
  }

  /** {@code triggers} + {@code push} → {@code triggers.push}; the root path is empty. */
  static String join(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  static String index(String path, int i) {
    return path + "[" + i + "]";
  }
}
