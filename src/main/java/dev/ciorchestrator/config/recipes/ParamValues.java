package dev.ciorchestrator.config.recipes;

import dev.ciorchestrator.config.validation.Suggestions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A job's {@code with:} checked against its recipe's declared parameters.
 *
 * @param env {@code PARAM_<NAME>} for every declared parameter: the given value, else the default,
 *     else empty; in declaration order
 * @param problems every unknown, disallowed or missing parameter
 */
public record ParamValues(Map<String, String> env, List<Problem> problems) {
  public ParamValues {
    env = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(env));
    problems = List.copyOf(problems);
  }

  /** Where a problem belongs: at a given key, or (for a missing parameter) at the job's use. */
  public enum Where {
    KEY,
    VALUE,
    USE
  }

  public record Problem(String param, Where where, String message) {}

  public static ParamValues resolve(
      String recipe, List<Param> declared, Map<String, String> given) {
    Map<String, Param> byName = new LinkedHashMap<>();
    declared.forEach(p -> byName.put(p.name(), p));
    List<Problem> problems = new ArrayList<>();
    given.forEach(
        (key, value) -> {
          Param param = byName.get(key);
          if (param == null) {
            problems.add(new Problem(key, Where.KEY, unknown(recipe, key, byName)));
          } else {
            param
                .valueProblem(value)
                .ifPresent(m -> problems.add(new Problem(key, Where.VALUE, m)));
          }
        });
    Map<String, String> env = new LinkedHashMap<>();
    for (Param p : declared) {
      Optional<String> value = Optional.ofNullable(given.get(p.name()));
      if (value.isEmpty() && p.required()) {
        problems.add(
            new Problem(
                p.name(),
                Where.USE,
                "missing required parameter '" + p.name() + "' of recipe '" + recipe + "'"));
      }
      env.put(p.envName(), value.orElse(p.defaultValue() == null ? "" : p.defaultValue()));
    }
    return new ParamValues(env, problems);
  }

  private static String unknown(String recipe, String key, Map<String, Param> declared) {
    String known =
        declared.isEmpty()
            ? "it declares no parameters"
            : "it declares " + String.join(", ", declared.keySet());
    return "unknown parameter '"
        + key
        + "' for recipe '"
        + recipe
        + "' ("
        + known
        + ")"
        + Suggestions.didYouMean(key, declared.keySet());
  }
}
