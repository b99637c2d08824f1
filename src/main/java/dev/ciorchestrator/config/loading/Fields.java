package dev.ciorchestrator.config.loading;

import dev.ciorchestrator.config.loading.YamlNode.Entry;
import dev.ciorchestrator.config.loading.YamlNode.Mapping;
import dev.ciorchestrator.config.model.SourcePosition;
import dev.ciorchestrator.config.validation.Suggestions;
import java.util.List;
import java.util.Optional;

/**
 * One YAML mapping read against the fields its schema knows. Unknown keys are reported when it is
 * made; a null value ({@code key:} with nothing after it) reads as absent, as in Kubernetes.
 */
final class Fields {
  private final Mapping mapping;
  private final String path;
  private final Problems problems;

  /**
   * False when the value was no mapping: that error was reported, "missing" ones would be noise.
   */
  private final boolean readable;

  private Fields(Mapping mapping, String path, Problems problems, boolean readable) {
    this.mapping = mapping;
    this.path = path;
    this.problems = problems;
    this.readable = readable;
  }

  static Fields of(YamlNode node, String path, Problems problems, List<String> known) {
    if (!(node instanceof Mapping m)) {
      problems.add(node.position(), path, "expected a mapping, got " + node.describe());
      return new Fields(new Mapping(List.of(), node.position()), path, problems, false);
    }
    for (Entry e : m.entries()) {
      String key = e.key().value();
      if (!known.contains(key)) {
        problems.add(
            e.key().position(),
            Problems.join(path, key),
            "unknown field '" + key + "'" + Suggestions.didYouMean(key, known));
      }
    }
    return new Fields(m, path, problems, true);
  }

  Problems problems() {
    return problems;
  }

  SourcePosition position() {
    return mapping.position();
  }

  String path(String key) {
    return Problems.join(path, key);
  }

  /** Whether the key is written, even with a null value ({@code push:} enables a trigger). */
  boolean has(String key) {
    return mapping.entry(key).isPresent();
  }

  Optional<YamlNode> value(String key) {
    return mapping
        .entry(key)
        .map(Entry::value)
        .filter(v -> !(v instanceof YamlNode.Scalar s && s.isNull()));
  }

  /** The value, or an error "missing required field" at the key (or the mapping) when absent. */
  Optional<YamlNode> required(String key) {
    Optional<YamlNode> v = value(key);
    if (v.isEmpty() && readable) {
      SourcePosition where = mapping.entry(key).map(e -> e.key().position()).orElse(position());
      problems.add(where, path(key), "missing required field '" + key + "'");
    }
    return v;
  }

  Optional<YamlNode.Scalar> string(String key) {
    return value(key).flatMap(v -> Values.text(v, path(key), problems));
  }

  Optional<YamlNode.Scalar> requiredString(String key) {
    return required(key).flatMap(v -> Values.text(v, path(key), problems));
  }

  Optional<Boolean> bool(String key) {
    return value(key).flatMap(v -> Values.bool(v, path(key), problems));
  }

  Optional<Long> integer(String key) {
    return value(key).flatMap(v -> Values.integer(v, path(key), problems));
  }

  List<Values.IndexedScalar> strings(String key) {
    return value(key).map(v -> Values.strings(v, path(key), problems)).orElse(List.of());
  }

  Optional<String> choice(String key, List<String> allowed) {
    return value(key).flatMap(v -> Values.choice(v, path(key), allowed, problems));
  }

  /** A nested mapping, or an empty one when absent so that defaults apply. */
  Fields nested(String key, List<String> known) {
    return value(key)
        .map(v -> of(v, path(key), problems, known))
        .orElseGet(
            () -> new Fields(new Mapping(List.of(), position()), path(key), problems, readable));
  }
}
