package dev.ciorchestrator.config.loading;

import dev.ciorchestrator.config.loading.ParsedFile.Declaration;
import dev.ciorchestrator.config.loading.YamlNode.Entry;
import dev.ciorchestrator.config.loading.YamlNode.Mapping;
import dev.ciorchestrator.config.loading.YamlNode.Scalar;
import dev.ciorchestrator.config.recipes.RecipeNames;
import dev.ciorchestrator.config.recipes.ShippedRecipes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@code kind: Recipe}: a name, declared {@code params}, and any Job field but {@code name}, {@code
 * repos}, {@code uses} and {@code with} (a recipe says how a job runs; the job says where, and
 * recipes do not nest). Its body is checked here as a job would be, so a broken recipe is reported
 * once at its own lines even if no job uses it.
 */
final class RecipeBinder {
  static final List<String> NOT_IN_RECIPES = List.of("name", "repos", "uses", "with");

  /** The Job fields a recipe may carry; later Job fields join automatically. */
  static final List<String> BODY_FIELDS =
      JobBinder.FIELDS.stream()
          .filter(f -> !NOT_IN_RECIPES.contains(f) && !f.equals("apiVersion") && !f.equals("kind"))
          .toList();

  static final List<String> FIELDS =
      Stream.concat(
              Stream.of("apiVersion", "kind", "name", "description", "params"),
              BODY_FIELDS.stream())
          .toList();

  private RecipeBinder() {}

  static void bind(Mapping document, FileContents out) {
    Fields f = Fields.of(document, "", out.problems, FIELDS);
    Optional<Scalar> name = f.requiredString("name");
    name.ifPresent(n -> checkName(n, out));
    f.string("description");
    var params = RecipeParams.bind(f);
    Mapping body = body(document);
    checkBody(body, out.problems);
    RecipeMerge.env(body, out.problems);
    name.ifPresent(n -> out.recipes.add(new RecipeDef(n.value(), params, body)));
  }

  private static void checkName(Scalar name, FileContents out) {
    boolean shipped = name.position().file().startsWith(ShippedRecipes.PATH_PREFIX);
    var problem =
        shipped ? RecipeNames.shapeProblem(name.value()) : RecipeNames.configProblem(name.value());
    problem.ifPresent(m -> out.problems.add(name.position(), "name", m));
    out.declarations.add(new Declaration("Recipe", name.value(), name.position()));
  }

  private static Mapping body(Mapping document) {
    return new Mapping(
        document.entries().stream().filter(e -> BODY_FIELDS.contains(e.key().value())).toList(),
        document.position());
  }

  /** Binds the body as a job named for the check, into a throwaway result, keeping its problems. */
  private static void checkBody(Mapping body, Problems problems) {
    List<Entry> entries = new ArrayList<>(body.entries());
    entries.add(synthetic("name", "recipe-check", body));
    entries.add(
        new Entry(
            key("repos", body), new YamlNode.Sequence(List.of(text("*", body)), body.position())));
    Mapping asJob = new Mapping(entries, body.position());
    JobBinder.bind(Fields.of(asJob, "", problems, JobBinder.FIELDS), new FileContents(problems));
  }

  static Entry synthetic(String key, String value, YamlNode at) {
    return new Entry(key(key, at), text(value, at));
  }

  static Scalar key(String key, YamlNode at) {
    return text(key, at);
  }

  static Scalar text(String value, YamlNode at) {
    return new Scalar(value, YamlNode.Kind.STRING, YamlNode.Style.PLAIN, at.position(), "", true);
  }
}
