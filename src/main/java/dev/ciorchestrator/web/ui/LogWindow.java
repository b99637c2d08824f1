package dev.ciorchestrator.web.ui;

import dev.ciorchestrator.run.RunLogs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A stretch of a run's log, cut at line breaks: what a page shows of it. Each read is one range
 * read of at most {@code maxBytes} through the {@link RunLogs} port, wherever in the log it starts
 * and whichever store holds it, so a 100 MB log costs a page no more than a small one. A line
 * longer than a whole window is cut at the window's edge rather than waited for.
 *
 * @param start byte offset of the first line
 * @param end byte offset after the last line: where to read on from
 * @param size the log's size when read
 * @param lines the lines, each without its line break
 */
public record LogWindow(long start, long end, long size, List<Line> lines) {
  /** One line and the byte offset it starts at (a stable address: logs only grow). */
  public record Line(long offset, String text) {}

  public LogWindow {
    lines = List.copyOf(lines);
  }

  /** Whether the log goes on before this window. */
  public boolean hasEarlier() {
    return start > 0;
  }

  /**
   * The last {@code maxBytes} of the log; a log still being written ({@code growing}) ends at its
   * last line break, since its last line is not finished yet.
   */
  public static LogWindow tail(RunLogs logs, String runId, int maxBytes, boolean growing)
      throws IOException {
    long from = Math.max(0, logs.size(runId) - maxBytes);
    RunLogs.Range r = logs.range(runId, from, maxBytes);
    return cut(r, from, from + maxBytes, true, !growing);
  }

  /** At most {@code maxBytes} of whole lines ending at {@code before} (a line start). */
  public static LogWindow before(RunLogs logs, String runId, long before, int maxBytes)
      throws IOException {
    long to = Math.min(before, logs.size(runId));
    long from = Math.max(0, to - maxBytes);
    RunLogs.Range r = logs.range(runId, from, (int) (to - from));
    return cut(r, from, to, true, true);
  }

  /**
   * At most {@code maxBytes} from {@code from} (a line start) on: whole lines only, unless {@code
   * over} (nothing more will be written) makes the unfinished last line final.
   */
  public static LogWindow from(RunLogs logs, String runId, long from, int maxBytes, boolean over)
      throws IOException {
    RunLogs.Range r = logs.range(runId, from, maxBytes);
    if (r.size() == 0) {
      return new LogWindow(from, from, 0, List.of());
    }
    long start = Math.min(from, r.size());
    long to = start + r.bytes().length;
    return cut(r, start, from + maxBytes, false, over && to == r.size());
  }

  /**
   * Cuts {@code r}, read from {@code from} up to {@code to}, into lines. {@code skipPartialHead}:
   * {@code from} may be inside a line, whose rest is dropped, unless that would leave nothing.
   * {@code keepTail}: the bytes after the last line break are a line too. A window that holds no
   * line break at all is one cut line, so a line longer than the window still shows.
   */
  private static LogWindow cut(
      RunLogs.Range r, long from, long to, boolean skipPartialHead, boolean keepTail) {
    byte[] bytes = r.bytes();
    long size = r.size();
    int first = 0;
    if (skipPartialHead && from > 0) {
      int nl = indexOf(bytes, 0, bytes.length);
      // no line starts inside the window: show the piece of the one long line it holds
      first = nl < 0 || nl + 1 == bytes.length ? 0 : nl + 1;
    }
    int last = bytes.length;
    if (!keepTail) {
      int nl = lastIndexOf(bytes, first, bytes.length);
      boolean full = bytes.length == to - from && to - from > 0 && to < size;
      last = nl >= 0 ? nl + 1 : full && first == 0 ? bytes.length : first;
    }
    List<Line> lines = new ArrayList<>();
    int lineStart = first;
    for (int i = first; i < last; i++) {
      if (bytes[i] == '\n') {
        lines.add(line(bytes, from, lineStart, i));
        lineStart = i + 1;
      }
    }
    if (lineStart < last) {
      lines.add(line(bytes, from, lineStart, last));
    }
    return new LogWindow(from + first, from + last, size, lines);
  }

  private static Line line(byte[] bytes, long base, int from, int to) {
    return new Line(base + from, new String(bytes, from, to - from, StandardCharsets.UTF_8));
  }

  private static int indexOf(byte[] bytes, int from, int to) {
    for (int i = from; i < to; i++) {
      if (bytes[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  private static int lastIndexOf(byte[] bytes, int from, int to) {
    for (int i = to - 1; i >= from; i--) {
      if (bytes[i] == '\n') {
        return i;
      }
    }
    return -1;
  }
}
