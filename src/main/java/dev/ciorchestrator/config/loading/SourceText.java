package dev.ciorchestrator.config.loading;

import dev.ciorchestrator.config.model.SourcePosition;

/**
 * A decoded file with SnakeYAML's code-point offsets mapped to Java string offsets; the two differ
 * only when the file holds characters outside the Basic Multilingual Plane, and only then is an
 * offset table built (so slicing stays O(length) either way).
 */
final class SourceText {
  private final String file;
  private final String text;
  private final int[] charOffsets;

  SourceText(String file, String text) {
    this.file = file;
    this.text = text;
    this.charOffsets = text.length() == text.codePointCount(0, text.length()) ? null : table(text);
  }

  String file() {
    return file;
  }

  String text() {
    return text;
  }

  String slice(int startCodePoint, int endCodePoint) {
    return text.substring(charIndex(startCodePoint), charIndex(endCodePoint));
  }

  /** The 1-based line and column of a code-point offset. */
  SourcePosition position(int codePointOffset) {
    int end = charIndex(codePointOffset);
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < end; i++) {
      if (text.charAt(i) == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    return new SourcePosition(file, line, text.codePointCount(lineStart, end) + 1);
  }

  private int charIndex(int codePoint) {
    int clamped = Math.max(0, codePoint);
    if (charOffsets == null) {
      return Math.min(clamped, text.length());
    }
    return charOffsets[Math.min(clamped, charOffsets.length - 1)];
  }

  private static int[] table(String text) {
    int[] offsets = new int[text.codePointCount(0, text.length()) + 1];
    int cp = 0;
    for (int i = 0; i < text.length(); i += Character.charCount(text.codePointAt(i))) {
      offsets[cp++] = i;
    }
    offsets[cp] = text.length();
    return offsets;
  }
}
