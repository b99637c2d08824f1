package dev.ciorchestrator.config.loading;

import dev.ciorchestrator.config.loading.YamlNode.Kind;
import dev.ciorchestrator.config.loading.YamlNode.Scalar;
import dev.ciorchestrator.config.loading.YamlNode.Sequence;
import dev.ciorchestrator.config.validation.Suggestions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Typed reads of single YAML values; a wrong type is reported and reads as absent. */
final class Values {
  private static final Set<String> TRUE = Set.of("true", "yes", "on", "y");

  private Values() {}

  static Optional<Scalar> string(YamlNode node, String field, Problems problems) {
    if (node instanceof Scalar s && s.kind() == Kind.STRING) {
      return Optional.of(s);
    }
    String hint = node instanceof Scalar ? " (quote it to use it as text)" : "";
    problems.add(node.position(), field, "expected a string, got " + node.describe() + hint);
    return Optional.empty();
  }

  /** A string that must hold something besides whitespace. */
  static Optional<Scalar> text(YamlNode node, String field, Problems problems) {
    Optional<Scalar> s = string(node, field, problems);
    if (s.isPresent() && s.get().value().isBlank()) {
      problems.add(node.position(), field, "must not be empty");
      return Optional.empty();
    }
    return s;
  }

  static Optional<Boolean> bool(YamlNode node, String field, Problems problems) {
    if (node instanceof Scalar s && s.kind() == Kind.BOOLEAN) {
      return Optional.of(TRUE.contains(s.value().toLowerCase(Locale.ROOT)));
    }
    problems.add(node.position(), field, "expected true or false, got " + node.describe());
    return Optional.empty();
  }

  static Optional<Long> integer(YamlNode node, String field, Problems problems) {
    if (node instanceof Scalar s && s.kind() == Kind.INTEGER) {
      try {
        return Optional.of(parseLong(s.value()));
      } catch (NumberFormatException e) {
        problems.add(node.position(), field, "unsupported integer '" + s.value() + "'");
        return Optional.empty();
      }
    }
    problems.add(node.position(), field, "expected an integer, got " + node.describe());
    return Optional.empty();
  }

  /** Every item of a list of strings; items of another type are reported and skipped. */
  static List<IndexedScalar> strings(YamlNode node, String field, Problems problems) {
    if (!(node instanceof Sequence seq)) {
      String hint =
          node instanceof Scalar s ? " (write [" + s.value() + "] for a list of one)" : "";
      problems.add(node.position(), field, "expected a list, got " + node.describe() + hint);
      return List.of();
    }
    List<IndexedScalar> out = new ArrayList<>();
    for (int i = 0; i < seq.items().size(); i++) {
      String itemField = Problems.index(field, i);
      text(seq.items().get(i), itemField, problems)
          .ifPresent(s -> out.add(new IndexedScalar(s, itemField)));
    }
    return out;
  }

  /** One of a fixed set of words, as written in YAML (enum wire names). */
  static Optional<String> choice(
      YamlNode node, String field, List<String> allowed, Problems problems) {
    Optional<Scalar> s = string(node, field, problems);
    if (s.isEmpty() || allowed.contains(s.get().value())) {
      return s.map(Scalar::value);
    }
    problems.add(
        node.position(),
        field,
        "invalid value '"
            + s.get().value()
            + "' (allowed: "
            + String.join(", ", allowed)
            + ")"
            + Suggestions.didYouMean(s.get().value(), allowed));
    return Optional.empty();
  }

  /** A list item with its field path, e.g. {@code triggers.push.branches[2]}. */
  record IndexedScalar(Scalar scalar, String field) {
    String value() {
      return scalar.value();
    }
  }

  private static long parseLong(String yaml) {
    String digits = yaml.replace("_", "");
    boolean negative = digits.startsWith("-");
    String unsigned =
        digits.startsWith("-") || digits.startsWith("+") ? digits.substring(1) : digits;
    long magnitude =
        unsigned.startsWith("0x")
            ? Long.parseLong(unsigned.substring(2), 16)
            : Long.parseLong(unsigned, 10);
    return negative ? -magnitude : magnitude;
  }
}
