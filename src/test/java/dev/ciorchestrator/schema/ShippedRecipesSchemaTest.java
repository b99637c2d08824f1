package dev.ciorchestrator.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.config.model.ConfigFile;
import dev.ciorchestrator.config.recipes.ShippedRecipes;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** The schema accepts every shipped recipe, so a config repository's own recipes can copy one. */
class ShippedRecipesSchemaTest {
  @Test
  void everyShippedRecipeIsValidAgainstTheSchema() {
    for (ConfigFile file : ShippedRecipes.files()) {
      Object document = new Yaml().load(new String(file.content(), StandardCharsets.UTF_8));
      assertThat(ConfigSchema.errors(document)).as(file.path()).isEmpty();
    }
  }
}
