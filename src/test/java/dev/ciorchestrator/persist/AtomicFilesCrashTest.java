package dev.ciorchestrator.persist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real second process writing into the same folder: its temporary file is left alone while it
 * writes, and swept once it was killed mid-write (kill -9), as after a crash of the service.
 */
class AtomicFilesCrashTest {
  private static final long HANG_GUARD_MS = 60_000;

  @TempDir Path dir;

  @Test
  void aLiveWritersFileIsKeptAndAKilledWritersLeftoverIsSwept() throws Exception {
    Process writer = start(dir.resolve("state.json"));
    try {
      Path temp = firstTemporaryFile(writer);

      assertThat(AtomicFiles.sweep(dir)).isZero();
      assertThat(temp).exists();

      writer.destroyForcibly().waitFor();
      assertThat(temp).as("a crash leaves the half-written file").exists();
      assertThat(AtomicFiles.sweep(dir)).isEqualTo(1);
      assertThat(names()).isEmpty();
    } finally {
      writer.destroyForcibly();
    }
  }

  @Test
  void theFirstWriteIntoAFolderSweepsWhatAKilledWriterLeft() throws Exception {
    Process writer = start(dir.resolve("state.json"));
    try {
      firstTemporaryFile(writer);
      writer.destroyForcibly().waitFor();
    } finally {
      writer.destroyForcibly();
    }

    AtomicFiles.replace(dir.resolve("state.json"), "new".getBytes());

    assertThat(names()).containsExactly("state.json");
  }

  private static Process start(Path file) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(
            java,
            "-cp",
            System.getProperty("java.class.path"),
            StalledWriter.class.getName(),
            file.toString())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start();
  }

  /**
   * Polls until the writer's temporary file exists; the writer is a fresh JVM, so it takes a while.
   */
  private Path firstTemporaryFile(Process writer) throws Exception {
    long deadline = System.currentTimeMillis() + HANG_GUARD_MS;
    while (System.currentTimeMillis() < deadline) {
      try (Stream<Path> files = Files.list(dir)) {
        List<Path> temps =
            files.filter(p -> p.getFileName().toString().startsWith(".tmp-")).toList();
        if (!temps.isEmpty()) {
          return temps.get(0);
        }
      }
      assertThat(writer.isAlive()).as("the writer process is still running").isTrue();
      Thread.sleep(20);
    }
    throw new AssertionError(
        "the writer process wrote no temporary file in " + HANG_GUARD_MS + " ms");
  }

  private List<String> names() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
