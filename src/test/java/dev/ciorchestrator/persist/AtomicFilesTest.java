package dev.ciorchestrator.persist;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
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

  private Stream<String> names() throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).toList().stream();
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
