package dev.ciorchestrator.config.loading;

import dev.ciorchestrator.config.model.SourcePosition;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.reader.ReaderException;

/** SnakeYAML's exceptions as one-line messages a user can act on. */
final class YamlErrors {
  private YamlErrors() {}

  static SourcePosition position(SourceText source, MarkedYAMLException e, Mark fallback) {
    Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
    return YamlParser.position(source, mark != null ? mark : fallback);
  }

  static String message(MarkedYAMLException e) {
    String problem = oneLine(e.getProblem());
    Mark context = e.getContextMark();
    if (e.getContext() == null || context == null || sameLine(context, e.getProblemMark())) {
      return "invalid YAML: " + problem;
    }
    return String.format(
        "invalid YAML: %s (%s started at line %d, column %d)",
        problem, oneLine(e.getContext()), context.getLine() + 1, context.getColumn() + 1);
  }

  static String message(ReaderException e) {
    return String.format("invalid YAML: %s (U+%04X)", oneLine(e.getMessage()), e.getCodePoint());
  }

  /** The limits throw without a mark or a type of their own; their wording is all there is. */
  static String message(YAMLException e) {
    String text = oneLine(e.getMessage());
    if (text.startsWith("Number of aliases")) {
      return "more than "
          + YamlLimits.MAX_ALIASES
          + " aliases of lists or mappings; refusing a possible alias bomb";
    }
    if (text.startsWith("Nesting Depth")) {
      return "nested deeper than " + YamlLimits.MAX_NESTING_DEPTH + " levels";
    }
    if (text.contains("exceeds the limit")) {
      return YamlParser.tooLarge();
    }
    return "invalid YAML: " + text;
  }

  private static boolean sameLine(Mark a, Mark b) {
    return b != null && a.getLine() == b.getLine() && a.getColumn() == b.getColumn();
  }

  private static String oneLine(String text) {
    return text == null ? "unknown problem" : text.strip().replaceAll("\\s*\\n\\s*", " ");
  }
}
