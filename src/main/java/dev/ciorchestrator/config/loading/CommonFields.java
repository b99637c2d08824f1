package dev.ciorchestrator.config.loading;

import dev.ciorchestrator.config.loading.ParsedFile.Declaration;
import dev.ciorchestrator.config.loading.ParsedFile.ExpressionSite;
import dev.ciorchestrator.config.loading.ParsedFile.RepoReference;
import dev.ciorchestrator.config.loading.Values.IndexedScalar;
import dev.ciorchestrator.config.loading.YamlNode.Scalar;
import dev.ciorchestrator.config.validation.Globs;
import dev.ciorchestrator.domain.Glob;
import dev.ciorchestrator.policy.ResultType;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Fields several kinds share: names, repository lists, CEL expressions, bounded integers. */
final class CommonFields {
  private CommonFields() {}

  /** The document's name, declared for the cross-file uniqueness check even when malformed. */
  static String name(
      Fields f, String kind, FileContents out, Function<String, Optional<String>> problem) {
    Optional<Scalar> name = f.requiredString("name");
    name.ifPresent(
        n -> {
          problem.apply(n.value()).ifPresent(msg -> f.problems().add(n.position(), "name", msg));
          out.declarations.add(new Declaration(kind, n.value(), n.position()));
        });
    return name.map(Scalar::value).orElse("");
  }

  /**
   * Repository names or globs. Literal names are recorded so that a typo is caught once every file
   * has been read; a glob matching nothing is fine (a policy library for any repository).
   */
  static List<String> repos(Fields f, FileContents out, List<String> whenAbsent) {
    if (f.value("repos").isEmpty()) {
      if (whenAbsent.isEmpty()) {
        f.required("repos");
      }
      return whenAbsent;
    }
    List<IndexedScalar> repos = f.strings("repos");
    if (f.value("repos").get() instanceof YamlNode.Sequence s && s.items().isEmpty()) {
      f.problems().add(s.position(), "repos", "must list at least one repository name or glob");
    }
    for (IndexedScalar repo : repos) {
      if (Glob.isLiteral(repo.value())) {
        out.references.add(new RepoReference(repo.value(), repo.field(), repo.scalar().position()));
      } else {
        checkGlob(repo, f.problems());
      }
    }
    return repos.stream().map(IndexedScalar::value).toList();
  }

  /** Globs of branches or paths; every malformed one is reported. */
  static List<String> globs(Fields f, String key) {
    List<IndexedScalar> globs = f.strings(key);
    globs.forEach(g -> checkGlob(g, f.problems()));
    return globs.stream().map(IndexedScalar::value).toList();
  }

  private static void checkGlob(IndexedScalar glob, Problems problems) {
    Globs.problem(glob.value())
        .ifPresent(msg -> problems.add(glob.scalar().position(), glob.field(), msg));
  }

  /** A CEL text, queued for compilation; null when absent (and not required). */
  static String expression(
      Fields f, String key, ResultType type, boolean required, FileContents out) {
    Optional<Scalar> text = required ? f.requiredString(key) : f.string(key);
    text.ifPresent(t -> out.expressions.add(new ExpressionSite(t, f.path(key), type)));
    return text.map(Scalar::value).orElse(null);
  }

  /** An int within bounds, else the default (after reporting {@code rangeMessage}). */
  static int boundedInt(Fields f, String key, int min, int max, int fallback, String rangeMessage) {
    Optional<YamlNode> node = f.value(key);
    Optional<Long> value = f.integer(key);
    if (value.isEmpty()) {
      return fallback;
    }
    if (value.get() < min || value.get() > max) {
      String message =
          value.get() > Integer.MAX_VALUE ? "must be at most " + Integer.MAX_VALUE : rangeMessage;
      f.problems().add(node.get().position(), f.path(key), message + ", got " + value.get());
      return fallback;
    }
    return value.get().intValue();
  }
}
