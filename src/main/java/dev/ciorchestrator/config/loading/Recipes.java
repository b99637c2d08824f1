package dev.ciorchestrator.config.loading;

import dev.ciorchestrator.config.model.ConfigError;
import dev.ciorchestrator.config.recipes.ShippedRecipes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The recipes a revision can use: the shipped ones (parsed once) and its own. */
final class Recipes {
  private static final List<ParsedFile> SHIPPED =
      ShippedRecipes.files().stream().map(ConfigLoader::parseFile).toList();

  private Recipes() {}

  /**
   * Every file with its {@code uses:} jobs bound; their errors, and any error of a shipped recipe
   * (a bug of ours, which a test guards against), go to {@code errors}.
   */
  static List<ParsedFile> expand(List<ParsedFile> files, List<ConfigError> errors) {
    Map<String, RecipeDef> recipes = new LinkedHashMap<>();
    SHIPPED.forEach(
        f -> {
          errors.addAll(f.errors());
          f.recipes().forEach(r -> recipes.put(r.name(), r));
        });
    // A config recipe under go/ or c/ is already an error at its name; the shipped one stays.
    files.forEach(f -> f.recipes().forEach(r -> recipes.putIfAbsent(r.name(), r)));
    Problems problems = new Problems();
    List<ParsedFile> expanded =
        files.stream().map(f -> RecipeUses.expand(f, recipes, problems)).toList();
    errors.addAll(problems.list());
    return expanded;
  }

  /** The shipped recipes by name, for listing and documentation tests. */
  static Map<String, RecipeDef> shipped() {
    Map<String, RecipeDef> recipes = new LinkedHashMap<>();
    SHIPPED.forEach(f -> f.recipes().forEach(r -> recipes.put(r.name(), r)));
    return recipes;
  }
}
