package dev.ciorchestrator.config.validation;

import dev.ciorchestrator.domain.Glob;
import java.util.Optional;

/** Branch, path and repository globs as {@link Glob} compiles them. */
public final class Globs {
  private Globs() {}

  public static Optional<String> problem(String glob) {
    try {
      Glob.compile(glob);
      return Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.of("invalid glob '" + glob + "': " + e.getMessage());
    }
  }
}
