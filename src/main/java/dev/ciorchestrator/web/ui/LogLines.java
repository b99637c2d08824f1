package dev.ciorchestrator.web.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A {@link LogWindow}'s lines, styled by {@link Ansi}, for the page and for the live stream. */
final class LogLines {
  /**
   * One line for the browser's script: {@code o} its byte offset, {@code s} its spans as pairs of
   * class and text. The script puts the text in with {@code textContent}: it is never markup.
   */
  record JsonLine(long o, List<List<String>> s) {}

  /** A window for the script ("load earlier", the live log). */
  record JsonWindow(long start, long end, List<JsonLine> lines) {}

  private LogLines() {}

  static List<RunView.LineView> view(LogWindow w, Ansi ansi) {
    boolean numbered = w.start() == 0;
    List<RunView.LineView> lines = new ArrayList<>(w.lines().size());
    int n = 0;
    for (LogWindow.Line line : w.lines()) {
      n++;
      String id = numbered ? "L" + n : "B" + line.offset();
      String label = numbered ? String.valueOf(n) : "#";
      lines.add(new RunView.LineView(id, label, ansi.line(line.text())));
    }
    return lines;
  }

  static JsonWindow json(LogWindow w, Ansi ansi) {
    List<JsonLine> lines = new ArrayList<>(w.lines().size());
    for (LogWindow.Line line : w.lines()) {
      List<List<String>> spans = new ArrayList<>();
      ansi.line(line.text()).forEach(s -> spans.add(List.of(s.cls(), s.text())));
      lines.add(new JsonLine(line.offset(), spans));
    }
    return new JsonWindow(w.start(), w.end(), lines);
  }

  /** {@code 512 B}, {@code 64.0 KiB}, {@code 100.0 MiB}. */
  static String bytes(long n) {
    if (n < 1024) {
      return n + " B";
    }
    if (n < 1024 * 1024) {
      return String.format(Locale.ROOT, "%.1f KiB", n / 1024.0);
    }
    if (n < 1024L * 1024 * 1024) {
      return String.format(Locale.ROOT, "%.1f MiB", n / (1024.0 * 1024));
    }
    return String.format(Locale.ROOT, "%.1f GiB", n / (1024.0 * 1024 * 1024));
  }
}
