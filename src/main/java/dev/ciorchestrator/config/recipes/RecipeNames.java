package dev.ciorchestrator.config.recipes;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Recipe names are {@code owner/name}. The owners {@code go} and {@code c} belong to the recipes
 * shipped in the jar: a config repository that could define {@code go/test} would silently change
 * what every job using the shipped one runs.
 */
public final class RecipeNames {
  public static final List<String> OWNED_PREFIXES = List.of("go/", "c/");

  private static final Pattern NAME =
      Pattern.compile("[a-z0-9][a-z0-9-]{0,62}/[a-z0-9][a-z0-9-]{0,62}");

  private RecipeNames() {}

  /** Why {@code name} cannot name a recipe that a config repository defines, if it cannot. */
  public static Optional<String> configProblem(String name) {
    Optional<String> shape = shapeProblem(name);
    if (shape.isPresent()) {
      return shape;
    }
    return OWNED_PREFIXES.stream()
        .filter(name::startsWith)
        .findFirst()
        .map(
            p ->
                "the prefix '"
                    + p
                    + "' belongs to the recipes shipped with ci-orchestrator; name yours"
                    + " '<your-org>/"
                    + name.substring(p.length())
                    + "'");
  }

  /** Why {@code name} is not of the form {@code owner/name}, if it is not. */
  public static Optional<String> shapeProblem(String name) {
    if (NAME.matcher(name).matches()) {
      return Optional.empty();
    }
    return Optional.of(
        "invalid recipe name '"
            + name
            + "': must be owner/name, each part lowercase letters, digits and '-' (e.g."
            + " acme/go-test)");
  }
}
