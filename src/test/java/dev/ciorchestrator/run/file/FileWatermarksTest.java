package dev.ciorchestrator.run.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileWatermarksTest {
  @TempDir Path dir;

  /** As after a crash: the last good file and a half-written temporary file beside it. */
  @Test
  void openingTheFileAtStartupSweepsWhatACrashedWriterLeftAndKeepsTheContent() throws Exception {
    Path file = dir.resolve("watermarks.json");
    String main = "a".repeat(40);
    Files.writeString(file, "{\"branches\": {\"demo/app\": {\"main\": \"" + main + "\"}}}");
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    Files.writeString(dir.resolve(".tmp-" + gone.pid() + "-1-7.part"), "{\"branches\":");

    FileWatermarks opened = new FileWatermarks(file);

    assertThat(opened.branches("demo/app")).hasValue(Map.of("main", main));
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("watermarks.json");
    }
  }

  @Test
  void aNewFileMeansNothingWasSeenYet() throws Exception {
    FileWatermarks fresh = new FileWatermarks(dir.resolve("sub/watermarks.json"));

    assertThat(fresh.branches("demo/app")).isEmpty();
    assertThat(fresh.schedules("demo/app")).isEqualTo(Map.of());
  }
}
