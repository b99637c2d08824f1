package dev.ciorchestrator.web.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.run.RunLogs;
import dev.ciorchestrator.run.file.FileRunLogs;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Windows of a log cut at line breaks, each one bounded range read of the {@link RunLogs}. */
class LogWindowTest {
  @TempDir Path dir;

  private RunLogs logs;

  @BeforeEach
  void logs() {
    logs = new FileRunLogs(id -> dir.resolve(id + ".log"));
  }

  private String log(String text) throws IOException {
    Files.writeString(dir.resolve("run-1.log"), text, StandardCharsets.UTF_8);
    return "run-1";
  }

  private static List<String> texts(LogWindow w) {
    return w.lines().stream().map(LogWindow.Line::text).toList();
  }

  @Test
  void aSmallFinishedLogIsShownWholeWithItsOffsets() throws IOException {
    LogWindow w = LogWindow.tail(logs, log("one\ntwo\nthree"), 1024, false);

    assertThat(texts(w)).containsExactly("one", "two", "three");
    assertThat(w.lines()).extracting(LogWindow.Line::offset).containsExactly(0L, 4L, 8L);
    assertThat(w.start()).isZero();
    assertThat(w.end()).isEqualTo(13);
    assertThat(w.hasEarlier()).isFalse();
  }

  @Test
  void aGrowingLogStopsAtItsLastLineBreak() throws IOException {
    LogWindow w = LogWindow.tail(logs, log("one\ntwo\nthr"), 1024, true);

    assertThat(texts(w)).containsExactly("one", "two");
    assertThat(w.end()).isEqualTo(8);
    assertThat(w.size()).isEqualTo(11);
  }

  @Test
  void theTailStartsAtTheFirstWholeLineAndEarlierEndsWhereItStarts() throws IOException {
    String file = log("aaaa\nbbbb\ncccc\ndddd\n");
    LogWindow tail = LogWindow.tail(logs, file, 12, false);

    assertThat(texts(tail)).containsExactly("cccc", "dddd");
    assertThat(tail.start()).isEqualTo(10);
    assertThat(tail.hasEarlier()).isTrue();

    LogWindow earlier = LogWindow.before(logs, file, tail.start(), 7);
    assertThat(texts(earlier)).containsExactly("bbbb");
    assertThat(earlier.start()).isEqualTo(5);
    assertThat(earlier.end()).isEqualTo(10);
    assertThat(texts(LogWindow.before(logs, file, earlier.start(), 100))).containsExactly("aaaa");
  }

  @Test
  void readingOnGivesWholeLinesUntilTheRunIsOver() throws IOException {
    String file = log("one\ntw");
    LogWindow first = LogWindow.from(logs, file, 0, 1024, false);
    assertThat(texts(first)).containsExactly("one");
    assertThat(first.end()).isEqualTo(4);

    assertThat(texts(LogWindow.from(logs, file, first.end(), 1024, false))).isEmpty();
    LogWindow last = LogWindow.from(logs, file, first.end(), 1024, true);
    assertThat(texts(last)).containsExactly("tw");
    assertThat(last.end()).isEqualTo(6);
  }

  @Test
  void aLineLongerThanTheWindowIsCutNotWaitedFor() throws IOException {
    String file = log("x".repeat(100) + "\nnext\n");
    LogWindow w = LogWindow.from(logs, file, 0, 40, false);

    assertThat(texts(w)).containsExactly("x".repeat(40));
    assertThat(w.end()).isEqualTo(40);
  }

  @Test
  void aMissingLogIsEmpty() throws IOException {
    String missing = "none";
    assertThat(LogWindow.tail(logs, missing, 10, true).lines()).isEmpty();
    assertThat(LogWindow.from(logs, missing, 0, 10, false).end()).isZero();
  }

  /**
   * A sparse 100 MB file: the tail and an earlier window cost one read of the window each, and
   * their lines are the file's real last lines.
   */
  @Test
  void a100MegabyteLogCostsOnlyTheWindow() throws IOException {
    String file = "big";
    long size = 100L * 1024 * 1024;
    try (RandomAccessFile raf = new RandomAccessFile(dir.resolve("big.log").toFile(), "rw")) {
      raf.setLength(size - 12);
      raf.seek(size - 12);
      raf.write("\nlast line\n\n".getBytes(StandardCharsets.UTF_8));
    }
    LogWindow tail = LogWindow.tail(logs, file, 64 * 1024, false);

    assertThat(tail.size()).isEqualTo(size);
    assertThat(tail.end() - tail.start()).isLessThanOrEqualTo(64 * 1024);
    assertThat(texts(tail)).containsExactly("last line", "");
    LogWindow earlier = LogWindow.before(logs, file, tail.start(), 64 * 1024);
    assertThat(earlier.end() - earlier.start()).isEqualTo(64 * 1024);
    assertThat(earlier.lines()).hasSize(1); // one cut line of NULs: no line break in the window
  }
}
