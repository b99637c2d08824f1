package dev.ciorchestrator.config.loading;

import dev.ciorchestrator.config.loading.YamlNode.Mapping;
import dev.ciorchestrator.config.recipes.Param;
import java.util.List;

/**
 * A {@code kind: Recipe} as bound from its file: its parameters and its body, the Job fields a job
 * using it inherits, still as YAML so that merging keeps every value's position for error messages.
 */
record RecipeDef(String name, List<Param> params, Mapping body) {
  RecipeDef {
    params = List.copyOf(params);
  }
}
