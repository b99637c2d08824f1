package dev.ciorchestrator.config.recipes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.config.model.ConfigFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** The shipped recipes are all in the jar's index, load cleanly, and are documented. */
class ShippedRecipesTest {
  private static final Path FOLDER = Path.of("src/main/resources/recipes");

  @Test
  void theIndexNamesEveryRecipeFile() throws IOException {
    try (Stream<Path> files = Files.walk(FOLDER)) {
      List<String> onDisk =
          files
              .filter(f -> f.toString().endsWith(".yaml"))
              .map(f -> FOLDER.relativize(f).toString())
              .sorted()
              .toList();
      assertThat(ShippedRecipes.files())
          .extracting(f -> f.path().substring(ShippedRecipes.PATH_PREFIX.length()))
          .containsExactlyElementsOf(onDisk);
    }
  }

  @Test
  void everyRecipeIsUnderAnOwnedPrefixAndUsableWithItsDefaults() {
    for (Map<String, Object> recipe : recipes()) {
      String name = (String) recipe.get("name");
      assertThat(RecipeNames.OWNED_PREFIXES).anyMatch(name::startsWith);
      @SuppressWarnings("unchecked")
      Map<String, Map<String, Object>> params =
          (Map<String, Map<String, Object>>) recipe.getOrDefault("params", Map.of());
      StringBuilder with = new StringBuilder("{");
      params.forEach(
          (p, spec) -> {
            if (Boolean.TRUE.equals(spec.get("required"))) {
              with.append(p).append(": x, ");
            }
          });
      assertThat(RecipeRun.job(name, with.append("}").toString()).run()).isNotBlank();
    }
  }

  @Test
  void docsRecipesMdDescribesEveryRecipeAndParameter() throws IOException {
    String doc = Files.readString(Path.of("docs/recipes.md"));
    for (Map<String, Object> recipe : recipes()) {
      String name = (String) recipe.get("name");
      assertThat(doc).contains("### `" + name + "`");
      @SuppressWarnings("unchecked")
      Map<String, Object> params = (Map<String, Object>) recipe.getOrDefault("params", Map.of());
      String section = doc.substring(doc.indexOf("### `" + name + "`"));
      int next = section.indexOf("\n### ", 1);
      String own = next < 0 ? section : section.substring(0, next);
      params.keySet().forEach(p -> assertThat(own).as(name).contains("| `" + p + "` |"));
    }
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> recipes() {
    return ShippedRecipes.files().stream()
        .map(ConfigFile::content)
        .map(b -> (Map<String, Object>) new Yaml().load(new String(b, StandardCharsets.UTF_8)))
        .toList();
  }
}
