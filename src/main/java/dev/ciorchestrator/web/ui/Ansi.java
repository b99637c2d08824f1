package dev.ciorchestrator.web.ui;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns log lines with ANSI escape sequences into styled text spans. Only SGR sequences ({@code
 * ESC[...m}: colours, bold, dim, italic, underline) become styles, and a style is only ever one of
 * our own class names; every other sequence (cursor moves, erases, titles, hyperlinks) is dropped,
 * and so are other control characters. The text of a span is the log's text, which the page escapes
 * like any other text: no byte of a log ever reaches the page as markup.
 *
 * <p>Stateful like a terminal: a colour set on one line lasts into the next until reset, so keep
 * one instance per stretch of log read in order.
 */
public final class Ansi {
  private static final char ESC = 0x1b;
  private static final char BEL = 0x07;

  /** Text in one style; {@code cls} is empty for plain text. */
  public record Span(String cls, String text) {}

  private AnsiStyle style = AnsiStyle.PLAIN;

  /** The spans of one line, given without its line break. */
  public List<Span> line(String line) {
    List<Span> spans = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    int end = line.endsWith("\r") ? line.length() - 1 : line.length();
    int i = 0;
    while (i < end) {
      char c = line.charAt(i);
      if (c == ESC) {
        flush(spans, text);
        i = escape(line, i + 1, end);
      } else if (c == '\r') {
        // a carriage return inside a line: a terminal draws what follows over it (progress bars)
        spans.clear();
        text.setLength(0);
        i++;
      } else {
        if (c == '\t' || (c >= 0x20 && c != 0x7f && !(c >= 0x80 && c < 0xa0))) {
          text.append(c);
        }
        i++;
      }
    }
    flush(spans, text);
    return List.copyOf(spans);
  }

  private void flush(List<Span> spans, StringBuilder text) {
    if (!text.isEmpty()) {
      spans.add(new Span(style.cls(), text.toString()));
      text.setLength(0);
    }
  }

  /** Consumes the sequence after an ESC at {@code i - 1}; returns where the text goes on. */
  private int escape(String line, int i, int end) {
    if (i >= end) {
      return end;
    }
    char kind = line.charAt(i);
    if (kind == '[') {
      int j = i + 1;
      while (j < end && line.charAt(j) >= 0x20 && line.charAt(j) <= 0x3f) {
        j++; // parameters and intermediates
      }
      if (j >= end) {
        return end; // cut off: nothing of it is text
      }
      if (line.charAt(j) == 'm') {
        style = style.apply(line.substring(i + 1, j));
      }
      return j + 1;
    }
    if (kind == ']' || kind == 'P' || kind == '_' || kind == '^') {
      return stringEnd(line, i + 1, end); // OSC (titles, hyperlinks), DCS, APC, PM
    }
    return i + 1; // a two-character escape
  }

  /** After a string sequence's terminator: BEL or ESC backslash; the line's end if missing. */
  private static int stringEnd(String line, int i, int end) {
    for (int j = i; j < end; j++) {
      char c = line.charAt(j);
      if (c == BEL) {
        return j + 1;
      }
      if (c == ESC && j + 1 < end && line.charAt(j + 1) == '\\') {
        return j + 2;
      }
    }
    return end;
  }
}
