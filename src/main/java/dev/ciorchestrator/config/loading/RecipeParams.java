package dev.ciorchestrator.config.loading;

import dev.ciorchestrator.config.loading.YamlNode.Entry;
import dev.ciorchestrator.config.loading.YamlNode.Mapping;
import dev.ciorchestrator.config.loading.YamlNode.Scalar;
import dev.ciorchestrator.config.recipes.Param;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A recipe's {@code params:}: {@code name: {default, allowed, required, description}}. */
final class RecipeParams {
  static final List<String> FIELDS = List.of("default", "allowed", "required", "description");

  private RecipeParams() {}

  static List<Param> bind(Fields recipe) {
    List<Param> params = new ArrayList<>();
    Optional<YamlNode> node = recipe.value("params");
    if (node.isEmpty()) {
      return params;
    }
    Problems problems = recipe.problems();
    if (!(node.get() instanceof Mapping m)) {
      problems.add(
          node.get().position(), "params", "expected a mapping, got " + node.get().describe());
      return params;
    }
    Map<String, String> envNames = new HashMap<>();
    for (Entry e : m.entries()) {
      String name = e.key().value();
      String field = "params." + name;
      Param.nameProblem(name).ifPresent(msg -> problems.add(e.key().position(), field, msg));
      String clash = envNames.putIfAbsent(Param.envName(name), name);
      if (clash != null) {
        problems.add(
            e.key().position(),
            field,
            "parameters '" + clash + "' and '" + name + "' would both be " + Param.envName(name));
      }
      one(name, Fields.of(e.value(), field, problems, FIELDS)).ifPresent(params::add);
    }
    return params;
  }

  private static Optional<Param> one(String name, Fields f) {
    int before = f.problems().count();
    String defaultValue =
        f.value("default").flatMap(v -> value(v, f.path("default"), f.problems())).orElse(null);
    List<String> allowed = new ArrayList<>();
    f.value("allowed")
        .ifPresent(
            v -> {
              List<YamlNode> items = v instanceof YamlNode.Sequence s ? s.items() : List.of(v);
              for (int i = 0; i < items.size(); i++) {
                value(items.get(i), Problems.index(f.path("allowed"), i), f.problems())
                    .ifPresent(allowed::add);
              }
            });
    boolean required = f.bool("required").orElse(false);
    f.string("description");
    Param param = new Param(name, defaultValue, allowed, required);
    param
        .declarationProblem()
        .ifPresent(msg -> f.problems().add(f.position(), f.path("default"), msg));
    return f.problems().count() == before ? Optional.of(param) : Optional.empty();
  }

  /**
   * A parameter value as the script will see it: any scalar as written, booleans as {@code true} or
   * {@code false} (YAML's {@code yes}/{@code on} too), so that {@code race: true} works.
   */
  static Optional<String> value(YamlNode node, String field, Problems problems) {
    if (node instanceof Scalar s && !s.isNull()) {
      if (s.kind() == YamlNode.Kind.BOOLEAN) {
        return Values.bool(s, field, problems).map(String::valueOf);
      }
      return Optional.of(s.value());
    }
    problems.add(
        node.position(), field, "expected a string, number or boolean, got " + node.describe());
    return Optional.empty();
  }
}
