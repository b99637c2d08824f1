package dev.ciorchestrator.config.loading;

import dev.ciorchestrator.config.loading.YamlNode.Mapping;
import dev.ciorchestrator.config.loading.YamlNode.Scalar;
import dev.ciorchestrator.config.model.SourcePosition;
import dev.ciorchestrator.config.validation.Suggestions;
import java.util.List;
import java.util.Optional;

/** Checks a document's {@code apiVersion} and {@code kind} and hands it to its kind's binder. */
final class DocumentBinder {
  static final String API_VERSION = "ci-orchestrator/v1";
  private static final List<String> KINDS = List.of("Repository", "Job", "Policy", "Recipe");

  private DocumentBinder() {}

  static void bind(YamlNode root, FileContents out) {
    Problems problems = out.problems;
    if (!(root instanceof Mapping document)) {
      problems.add(
          root.position(),
          "",
          "a document must be a mapping with apiVersion, kind and name, got " + root.describe());
      return;
    }
    apiVersion(document, problems)
        .filter(v -> !v.value().equals(API_VERSION))
        .ifPresent(
            v ->
                problems.add(
                    v.position(),
                    "apiVersion",
                    "unsupported apiVersion '" + v.value() + "' (expected '" + API_VERSION + "')"));
    kind(document, problems).ifPresent(kind -> bindKind(kind, document, out));
  }

  private static void bindKind(String kind, Mapping document, FileContents out) {
    Problems p = out.problems;
    switch (kind) {
      case "Repository" ->
          RepositoryBinder.bind(Fields.of(document, "", p, RepositoryBinder.FIELDS), out);
      case "Job" -> {
        if (document.entry("uses").isPresent()) {
          RecipeUses.defer(document, out);
        } else {
          JobBinder.bind(Fields.of(document, "", p, JobBinder.FIELDS), out);
        }
      }
      case "Recipe" -> RecipeBinder.bind(document, out);
      default -> PolicyBinder.bind(Fields.of(document, "", p, PolicyBinder.FIELDS), out);
    }
  }

  private static Optional<Scalar> apiVersion(Mapping document, Problems problems) {
    return required(document, "apiVersion", "write apiVersion: " + API_VERSION, problems)
        .flatMap(v -> Values.string(v, "apiVersion", problems));
  }

  private static Optional<String> kind(Mapping document, Problems problems) {
    Optional<String> kind =
        required(document, "kind", "one of " + String.join(", ", KINDS), problems)
            .flatMap(v -> Values.string(v, "kind", problems))
            .map(Scalar::value);
    if (kind.isEmpty() || KINDS.contains(kind.get())) {
      return kind;
    }
    problems.add(
        document.entry("kind").orElseThrow().value().position(),
        "kind",
        "unknown kind '"
            + kind.get()
            + "' (allowed: "
            + String.join(", ", KINDS)
            + ")"
            + Suggestions.didYouMean(kind.get(), KINDS));
    return Optional.empty();
  }

  private static Optional<YamlNode> required(
      Mapping document, String key, String expected, Problems problems) {
    Optional<YamlNode> value =
        document
            .entry(key)
            .map(YamlNode.Entry::value)
            .filter(v -> !(v instanceof Scalar s && s.isNull()));
    if (value.isEmpty()) {
      SourcePosition at =
          document.entry(key).map(e -> e.key().position()).orElse(document.position());
      problems.add(at, key, "missing required field '" + key + "' (" + expected + ")");
    }
    return value;
  }
}
