package dev.ciorchestrator.config.loading;

import dev.ciorchestrator.config.loading.YamlNode.Entry;
import dev.ciorchestrator.config.loading.YamlNode.Mapping;
import dev.ciorchestrator.config.loading.YamlNode.Scalar;
import dev.ciorchestrator.config.recipes.Param;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A job on top of its recipe, as one YAML mapping that binds like any job. Every field the job
 * writes replaces the recipe's ({@code run}, {@code image}, {@code triggers}, lists and {@code
 * resources} whole); only {@code env} merges key by key, the job's keys winning. The parameters are
 * added to {@code env} last, as {@code PARAM_<NAME>}, which neither may set itself. Every value
 * keeps the position it was written at, in the job's file or the recipe's.
 */
final class RecipeMerge {
  private static final List<String> USE_FIELDS = List.of("uses", "with");

  private RecipeMerge() {}

  static Mapping merge(
      Mapping job, Mapping recipe, Map<String, String> params, Scalar uses, Problems problems) {
    Map<String, Entry> merged = new LinkedHashMap<>();
    job.entries().stream()
        .filter(e -> !USE_FIELDS.contains(e.key().value()))
        .forEach(e -> merged.put(e.key().value(), e));
    recipe.entries().forEach(e -> merged.putIfAbsent(e.key().value(), e));
    Optional<Mapping> jobEnv = env(job, problems);
    Optional<Mapping> recipeEnv = env(recipe, problems);
    YamlNode written = merged.containsKey("env") ? merged.get("env").value() : null;
    boolean broken = written != null && !(written instanceof Mapping) && !isNull(written);
    // A broken env stays as written, for the job binder to report.
    if (!broken) {
      merged.put("env", envEntry(jobEnv, recipeEnv, params, uses));
    }
    return new Mapping(new ArrayList<>(merged.values()), job.position());
  }

  private static Entry envEntry(
      Optional<Mapping> jobEnv,
      Optional<Mapping> recipeEnv,
      Map<String, String> params,
      Scalar uses) {
    Map<String, Entry> env = new LinkedHashMap<>();
    jobEnv.ifPresent(m -> m.entries().forEach(e -> env.put(e.key().value(), e)));
    recipeEnv.ifPresent(m -> m.entries().forEach(e -> env.putIfAbsent(e.key().value(), e)));
    params.forEach((name, value) -> env.put(name, RecipeBinder.synthetic(name, value, uses)));
    Scalar key =
        jobEnv
            .or(() -> recipeEnv)
            .map(m -> RecipeBinder.key("env", m))
            .orElse(RecipeBinder.key("env", uses));
    return new Entry(key, new Mapping(new ArrayList<>(env.values()), key.position()));
  }

  private static boolean isNull(YamlNode node) {
    return node instanceof Scalar s && s.isNull();
  }

  /** The document's env when it is a mapping, after reporting any {@code PARAM_} key in it. */
  static Optional<Mapping> env(Mapping document, Problems problems) {
    Optional<Mapping> env =
        document
            .entry("env")
            .map(Entry::value)
            .filter(Mapping.class::isInstance)
            .map(Mapping.class::cast);
    env.ifPresent(
        m ->
            m.entries().stream()
                .filter(e -> e.key().value().startsWith(Param.ENV_PREFIX))
                .forEach(
                    e ->
                        problems.add(
                            e.key().position(),
                            "env." + e.key().value(),
                            Param.ENV_PREFIX
                                + "* variables carry recipe parameters: set them with 'with:'")));
    return env;
  }
}
