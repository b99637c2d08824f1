package dev.ciorchestrator.config.loading;

import dev.ciorchestrator.config.loading.ParsedFile.Declaration;
import dev.ciorchestrator.config.loading.ParsedFile.ExpressionSite;
import dev.ciorchestrator.config.loading.ParsedFile.NeedReference;
import dev.ciorchestrator.config.loading.ParsedFile.RepoReference;
import dev.ciorchestrator.config.loading.YamlNode.Entry;
import dev.ciorchestrator.config.loading.YamlNode.Mapping;
import dev.ciorchestrator.config.loading.YamlNode.Scalar;
import dev.ciorchestrator.config.model.Job;
import dev.ciorchestrator.config.recipes.ParamValues;
import dev.ciorchestrator.config.validation.Suggestions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Jobs with {@code uses: <recipe>}: deferred while their file is parsed, then expanded once every
 * recipe is known, into ordinary jobs whose fields are the recipe's with the job's own on top
 * ({@link RecipeMerge}) and whose parameters are {@code PARAM_<NAME>} environment variables.
 */
final class RecipeUses {
  private RecipeUses() {}

  static void defer(Mapping document, FileContents out) {
    Optional<Scalar> uses =
        Values.text(document.entry("uses").orElseThrow().value(), "uses", out.problems);
    if (uses.isPresent()) {
      out.pending.add(new PendingJob(document, uses.get(), out.jobs.size()));
    } else {
      declareName(document, out);
    }
  }

  /** The file with its pending jobs bound in place; their problems go to {@code problems}. */
  static ParsedFile expand(ParsedFile file, Map<String, RecipeDef> recipes, Problems problems) {
    if (file.pending().isEmpty()) {
      return file;
    }
    List<Job> jobs = new ArrayList<>(file.jobs());
    List<Declaration> declarations = new ArrayList<>(file.declarations());
    List<RepoReference> references = new ArrayList<>(file.references());
    List<NeedReference> needs = new ArrayList<>(file.needs());
    List<ExpressionSite> expressions = new ArrayList<>(file.expressions());
    // Backwards, so that each insertion index still counts only the file's own jobs before it.
    for (int i = file.pending().size() - 1; i >= 0; i--) {
      PendingJob job = file.pending().get(i);
      FileContents out = new FileContents(problems);
      expandOne(job, recipes, out);
      jobs.addAll(job.index(), out.jobs);
      declarations.addAll(out.declarations);
      references.addAll(out.references);
      needs.addAll(out.needs);
      expressions.addAll(out.expressions);
    }
    // "first at" in a duplicate-name error must name the earlier line, not the plain job.
    declarations.sort(
        Comparator.comparingInt((Declaration d) -> d.position().line())
            .thenComparingInt(d -> d.position().column()));
    return new ParsedFile(
        file.repositories(),
        jobs,
        file.policies(),
        declarations,
        references,
        needs,
        expressions,
        file.errors(),
        file.recipes(),
        List.of());
  }

  private static void expandOne(PendingJob job, Map<String, RecipeDef> recipes, FileContents out) {
    String name = job.uses().value();
    RecipeDef recipe = recipes.get(name);
    if (recipe == null) {
      out.problems.add(
          job.uses().position(),
          "uses",
          "unknown recipe '" + name + "'" + Suggestions.didYouMean(name, recipes.keySet()));
      declareName(job.document(), out);
      return;
    }
    Map<String, String> params = params(job, recipe, out.problems);
    Mapping merged =
        RecipeMerge.merge(job.document(), recipe.body(), params, job.uses(), out.problems);
    JobBinder.bind(Fields.of(merged, "", out.problems, JobBinder.FIELDS), out, name);
  }

  /** {@code PARAM_<NAME>} for each declared parameter, after reporting every problem of 'with'. */
  private static Map<String, String> params(PendingJob use, RecipeDef recipe, Problems problems) {
    Mapping job = use.document();
    Map<String, String> given = new LinkedHashMap<>();
    Map<String, Entry> at = new LinkedHashMap<>();
    Optional<YamlNode> with =
        job.entry("with").map(Entry::value).filter(v -> !(v instanceof Scalar s && s.isNull()));
    if (with.isPresent() && !(with.get() instanceof Mapping)) {
      problems.add(
          with.get().position(), "with", "expected a mapping, got " + with.get().describe());
    } else if (with.isPresent()) {
      for (Entry e : ((Mapping) with.get()).entries()) {
        String field = "with." + e.key().value();
        if (e.value() instanceof Scalar s && s.isNull()) {
          continue;
        }
        RecipeParams.value(e.value(), field, problems)
            .ifPresent(
                v -> {
                  given.put(e.key().value(), v);
                  at.put(e.key().value(), e);
                });
      }
    }
    ParamValues values = ParamValues.resolve(recipe.name(), recipe.params(), given);
    for (ParamValues.Problem p : values.problems()) {
      Entry e = at.get(p.param());
      switch (p.where()) {
        case KEY -> problems.add(e.key().position(), "with." + p.param(), p.message());
        case VALUE -> problems.add(e.value().position(), "with." + p.param(), p.message());
        case USE -> problems.add(use.uses().position(), "with", p.message());
      }
    }
    return values.env();
  }

  /** Declares the job's name for the uniqueness check even when it cannot be bound. */
  private static void declareName(Mapping document, FileContents out) {
    document
        .entry("name")
        .map(Entry::value)
        .filter(v -> v instanceof Scalar)
        .map(v -> (Scalar) v)
        .ifPresent(n -> out.declarations.add(new Declaration("Job", n.value(), n.position())));
  }
}
