package dev.ciorchestrator.web.ui;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A stretch of a run's log, cut at line breaks: what a page shows of it. Each read is one
 * positional read of at most {@code maxBytes}, wherever in the file it starts, so a 100 MB log
 * costs a page no more than a small one. A line longer than a whole window is cut at the window's
 * edge rather than waited for.
 *
 * @param start byte offset of the first line
 * @param end byte offset after the last line: where to read on from
 * @param size the file's size when read
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
  public static LogWindow tail(Path file, int maxBytes, boolean growing) throws IOException {
    try (FileChannel channel = open(file)) {
      if (channel == null) {
        return new LogWindow(0, 0, 0, List.of());
      }
      long size = channel.size();
      long from = Math.max(0, size - maxBytes);
      return cut(channel, from, size, size, true, !growing);
    }
  }

  /** At most {@code maxBytes} of whole lines ending at {@code before} (a line start). */
  public static LogWindow before(Path file, long before, int maxBytes) throws IOException {
    try (FileChannel channel = open(file)) {
      if (channel == null) {
        return new LogWindow(0, 0, 0, List.of());
      }
      long size = channel.size();
      long to = Math.min(before, size);
      return cut(channel, Math.max(0, to - maxBytes), to, size, true, true);
    }
  }

  /**
   * At most {@code maxBytes} from {@code from} (a line start) on: whole lines only, unless {@code
   * over} (nothing more will be written) makes the unfinished last line final.
   */
  public static LogWindow from(Path file, long from, int maxBytes, boolean over)
      throws IOException {
    try (FileChannel channel = open(file)) {
      if (channel == null) {
        return new LogWindow(from, from, 0, List.of());
      }
      long size = channel.size();
      long to = Math.min(size, from + maxBytes);
      return cut(channel, Math.min(from, size), to, size, false, over && to == size);
    }
  }

  private static FileChannel open(Path file) throws IOException {
    try {
      return FileChannel.open(file, StandardOpenOption.READ);
    } catch (NoSuchFileException e) {
      return null; // the run has not written anything yet
    }
  }

  /**
   * Reads {@code [from, to)} and cuts it into lines. {@code skipPartialHead}: {@code from} may be
   * inside a line, whose rest is dropped, unless that would leave nothing. {@code keepTail}: the
   * bytes after the last line break are a line too. A window that holds no line break at all is one
   * cut line, so a line longer than the window still shows.
   */
  private static LogWindow cut(
      FileChannel channel, long from, long to, long size, boolean skipPartialHead, boolean keepTail)
      throws IOException {
    byte[] bytes = read(channel, from, (int) (to - from));
    int first = 0;
    if (skipPartialHead && from > 0) {
      int nl = indexOf(bytes, 0, bytes.length);
      // no line starts inside the window: show the piece of the one long line it holds
      first = nl < 0 || nl + 1 == bytes.length ? 0 : nl + 1;
    }
    int last = bytes.length;
    if (!keepTail) {
      int nl = lastIndexOf(bytes, first, bytes.length);
      boolean full = bytes.length == (int) (to - from) && to - from > 0 && to < size;
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

  private static byte[] read(FileChannel channel, long from, int length) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(length);
    while (buffer.hasRemaining() && channel.read(buffer, from + buffer.position()) > 0) {
      // a positional read may return fewer bytes than asked; go on until full or at the end
    }
    byte[] bytes = buffer.array();
    return buffer.position() == length ? bytes : java.util.Arrays.copyOf(bytes, buffer.position());
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
