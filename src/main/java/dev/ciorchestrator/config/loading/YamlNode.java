package dev.ciorchestrator.config.loading;

import dev.ciorchestrator.config.model.SourcePosition;
import java.util.List;
import java.util.Optional;

/**
 * A YAML value with the position it was written at, detached from SnakeYAML so that binding and
 * caching never touch the parser's mutable node graph. Aliases are shared, never expanded.
 */
sealed interface YamlNode {
  SourcePosition position();

  /** For messages: {@code a string 'two'}, {@code an integer 5}, {@code a list}. */
  String describe();

  /** What YAML 1.1 resolved a plain scalar to (quoted scalars are always strings). */
  enum Kind {
    STRING,
    INTEGER,
    FLOAT,
    BOOLEAN,
    NULL,
    TIMESTAMP
  }

  /** How a scalar was written; CEL problem positions can be mapped exactly for some styles. */
  enum Style {
    PLAIN,
    SINGLE_QUOTED,
    DOUBLE_QUOTED,
    LITERAL,
    FOLDED
  }

  /**
   * @param raw the source text of the scalar when its style needs it to map positions (quoted and
   *     literal scalars), else empty
   * @param singleLine the scalar starts and ends on the same source line
   */
  record Scalar(
      String value, Kind kind, Style style, SourcePosition position, String raw, boolean singleLine)
      implements YamlNode {
    @Override
    public String describe() {
      String shown = value.length() > 40 ? value.substring(0, 37) + "..." : value;
      return switch (kind) {
        case STRING -> "a string '" + shown + "'";
        case INTEGER -> "an integer " + shown;
        case FLOAT -> "a number " + shown;
        case BOOLEAN -> "a boolean " + shown;
        case NULL -> "null";
        case TIMESTAMP -> "a timestamp " + shown;
      };
    }

    boolean isNull() {
      return kind == Kind.NULL;
    }
  }

  record Sequence(List<YamlNode> items, SourcePosition position) implements YamlNode {
    public Sequence {
      items = List.copyOf(items);
    }

    @Override
    public String describe() {
      return "a list";
    }
  }

  /** Keys are scalars; duplicates were reported and dropped while converting. */
  record Mapping(List<Entry> entries, SourcePosition position) implements YamlNode {
    public Mapping {
      entries = List.copyOf(entries);
    }

    @Override
    public String describe() {
      return "a mapping";
    }

    Optional<Entry> entry(String key) {
      return entries.stream().filter(e -> e.key().value().equals(key)).findFirst();
    }
  }

  record Entry(Scalar key, YamlNode value) {}
}
