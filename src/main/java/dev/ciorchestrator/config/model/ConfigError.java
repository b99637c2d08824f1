package dev.ciorchestrator.config.model;

import java.util.Comparator;
import java.util.Objects;

/**
 * One problem in a config revision, precise enough to fix without guessing: where ({@code
 * file:line:column}), which field ({@code spec.triggers.pullRequest.paths[2]}, or empty for the
 * whole document) and what is wrong.
 */
public record ConfigError(SourcePosition position, String field, String message) {
  public static final Comparator<ConfigError> ORDER =
      Comparator.comparing((ConfigError e) -> e.position().file())
          .thenComparingInt(e -> e.position().line())
          .thenComparingInt(e -> e.position().column())
          .thenComparing(ConfigError::message);

  public ConfigError {
    Objects.requireNonNull(position, "position");
    field = Objects.requireNonNullElse(field, "");
    Objects.requireNonNull(message, "message");
  }

  /** {@code file:line:col: field: message}, the form editors and CI logs link to. */
  public String format() {
    return position + ": " + (field.isEmpty() ? "" : field + ": ") + message;
  }

  @Override
  public String toString() {
    return format();
  }
}
