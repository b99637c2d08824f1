package dev.ciorchestrator.persist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
  /** Writes half, then fails as a full disk does. */
  private static final AtomicFiles.TempWriter FULL_DISK =
      (temp, content) -> {
        Files.write(temp, Arrays.copyOf(content, content.length / 2));
        throw new IOException("No space left on device");
      };

  @TempDir Path dir;

  @Test
  void replaceWritesTheWholeContentAndLeavesNoTemporaryFile() throws Exception {
    Path file = dir.resolve("state.json");
    AtomicFiles.replace(file, bytes("one"));
    AtomicFiles.replace(file, bytes("two"));

    assertThat(file).hasContent("two");
    assertThat(names()).containsExactly("state.json");
  }

  @Test
  void createIfAbsentKeepsTheFirstContent() throws Exception {
    Path file = dir.resolve("run.json");
    assertThat(AtomicFiles.createIfAbsent(file, bytes("first"))).isTrue();
    assertThat(AtomicFiles.createIfAbsent(file, bytes("second"))).isFalse();

    assertThat(file).hasContent("first");
    assertThat(names()).containsExactly("run.json");
  }

  @Test
  void aFullDiskFailsTheReplaceKeepsTheOldContentAndLeavesNoPart() throws Exception {
    Path file = dir.resolve("state.json");
    AtomicFiles.replace(file, bytes("old"));

    for (int i = 0; i < 19; i++) {
      assertThatThrownBy(() -> AtomicFiles.replace(file, bytes("new content"), FULL_DISK))
          .isInstanceOf(IOException.class)
          .hasMessage("No space left on device");
    }

    assertThat(file).hasContent("old");
    assertThat(names()).containsExactly("state.json");
  }

  @Test
  void aFullDiskFailsTheCreateAndLeavesNeitherFileNorPart() {
    Path file = dir.resolve("run.json");

    assertThatThrownBy(() -> AtomicFiles.createIfAbsent(file, bytes("first"), FULL_DISK))
        .hasMessage("No space left on device");

    assertThat(file).doesNotExist();
    assertThat(names()).isEmpty();
  }

  @Test
  void aWriterThatThrowsUncheckedAlsoLeavesNoPart() {
    assertThatThrownBy(
            () ->
                AtomicFiles.replace(
                    dir.resolve("state.json"),
                    bytes("x"),
                    (temp, content) -> {
                      throw new IllegalStateException("bug");
                    }))
        .isInstanceOf(IllegalStateException.class);

    assertThat(names()).isEmpty();
  }

  @Test
  void theSweepKeepsThisProcesssFilesAndOtherFilesAndDeletesOnlyAbandonedOnes() throws Exception {
    String me = ProcessHandle.current().pid() + "-" + start(ProcessHandle.current());
    Files.writeString(dir.resolve(".tmp-" + me + "-1.part"), "in flight");
    Files.writeString(dir.resolve(".tmp-" + ProcessHandle.current().pid() + "-1-2.part"), "reused");
    Files.writeString(dir.resolve(".tmp-" + deadPid() + "-5-3.part"), "crashed");
    Files.writeString(dir.resolve("state.json"), "{}");
    Files.writeString(dir.resolve(".tmp-notes.txt"), "not ours");
    Path legacyOld = Files.writeString(dir.resolve(".tmp-123456789.part"), "old version, crashed");
    Files.setLastModifiedTime(legacyOld, FileTime.from(Instant.now().minusSeconds(3600)));
    Files.writeString(dir.resolve(".tmp-987654321.part"), "old version, in flight");

    assertThat(AtomicFiles.sweep(dir)).isEqualTo(3);

    assertThat(names())
        .containsExactly(
            ".tmp-" + me + "-1.part", ".tmp-987654321.part", ".tmp-notes.txt", "state.json");
  }

  @Test
  void aFolderNothingWasWrittenToHasNothingToSweep() throws Exception {
    assertThat(AtomicFiles.sweep(dir.resolve("missing"))).isZero();
  }

  private static long start(ProcessHandle process) {
    return process.info().startInstant().orElseThrow().toEpochMilli();
  }

  /** The pid of a process that has exited. */
  private static long deadPid() throws Exception {
    Process p = new ProcessBuilder("true").start();
    p.waitFor();
    return p.pid();
  }

  private List<String> names() {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
