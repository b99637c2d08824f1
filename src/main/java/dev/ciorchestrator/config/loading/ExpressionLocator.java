package dev.ciorchestrator.config.loading;

import dev.ciorchestrator.config.loading.YamlNode.Scalar;
import dev.ciorchestrator.config.model.SourcePosition;

/**
 * Maps a position inside a CEL text (1-based line and column) to the file. Exact for plain and
 * quoted scalars on one line and for literal blocks ({@code |}); elsewhere (folded or multi-line
 * flow scalars) the scalar's own position is the best honest answer.
 */
final class ExpressionLocator {
  private ExpressionLocator() {}

  static SourcePosition locate(Scalar node, int line, int column) {
    SourcePosition start = node.position();
    if (line < 1 || column < 1) {
      return start;
    }
    return switch (node.style()) {
      case PLAIN -> node.singleLine() && line == 1 ? shift(start, 0, column - 1) : start;
      case SINGLE_QUOTED, DOUBLE_QUOTED ->
          node.singleLine() && line == 1 ? shift(start, 0, 1 + rawOffset(node, column - 1)) : start;
      case LITERAL -> literal(node, line, column);
      case FOLDED -> start;
    };
  }

  private static SourcePosition shift(SourcePosition p, int lines, int columns) {
    return new SourcePosition(p.file(), p.line() + lines, p.column() + columns);
  }

  /** Where the value's {@code index}th character sits in the quoted source, after the quote. */
  private static int rawOffset(Scalar node, int index) {
    String raw = node.raw();
    boolean doubleQuoted = node.style() == YamlNode.Style.DOUBLE_QUOTED;
    int at = 1;
    for (int i = 0; i < index && at < raw.length() - 1; i++) {
      at += width(raw, at, doubleQuoted);
    }
    return at - 1;
  }

  private static int width(String raw, int at, boolean doubleQuoted) {
    char c = raw.charAt(at);
    if (!doubleQuoted) {
      return c == '\'' ? 2 : 1;
    }
    if (c != '\\' || at + 1 >= raw.length()) {
      return 1;
    }
    return switch (raw.charAt(at + 1)) {
      case 'x' -> 4;
      case 'u' -> 6;
      case 'U' -> 10;
      default -> 2;
    };
  }

  /**
   * The value's line {@code n} is the source line {@code n} below the {@code |} header, indented by
   * the block's indentation (that of its first non-blank line).
   */
  private static SourcePosition literal(Scalar node, int line, int column) {
    String[] lines = node.raw().split("\n", -1);
    if (line >= lines.length || lines[0].matches(".*\\|[-+]?[0-9].*")) {
      return node.position();
    }
    int indent = 0;
    for (int i = 1; i < lines.length; i++) {
      if (!lines[i].isBlank()) {
        indent = lines[i].length() - lines[i].stripLeading().length();
        break;
      }
    }
    return new SourcePosition(
        node.position().file(), node.position().line() + line, indent + column);
  }
}
