package dev.ciorchestrator.run.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ciorchestrator.run.ControllerMemory;
import dev.ciorchestrator.run.ControllerMemoryContract;
import dev.ciorchestrator.run.MemoryRetention;
import dev.ciorchestrator.run.WriteFence;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The controller memory contract against the embedded default: one JSON file. */
class FileControllerMemoryTest extends ControllerMemoryContract {
  @TempDir Path tmp;
  private Path file;

  private Clock clock;

  @Override
  protected ControllerMemory fresh(WriteFence fence, Clock clock) throws Exception {
    file = Files.createTempDirectory(tmp, "store").resolve("memory.json");
    this.clock = clock;
    return another(fence);
  }

  @Override
  protected ControllerMemory another(WriteFence fence) throws Exception {
    return new FileControllerMemory(file, fence, clock);
  }

  @Test
  void aDamagedFileIsAnErrorNamingIt() throws Exception {
    fresh(WriteFence.open());
    Files.writeString(file, "{\"changes\": [");
    assertThatThrownBy(() -> another(WriteFence.open()))
        .hasMessageContaining("unreadable controller memory file " + file.toAbsolutePath());
  }

  @Test
  void aRefusalFromAFileWithoutItsTimeCountsFromWhenItIsLoaded() throws Exception {
    fresh(WriteFence.open());
    String head = "a".repeat(40);
    Files.writeString(
        file,
        """
        {"changes": {"demo/x#7": {"answers": [],
          "refusal": {"headSha": "%s", "baseSha": "b", "reason": "conflict"}}}}
        """
            .formatted(head));
    Instant loaded = Instant.parse("2026-12-01T00:00:00Z");
    FileControllerMemory memory =
        new FileControllerMemory(file, WriteFence.open(), Clock.fixed(loaded, ZoneOffset.UTC));
    MemoryRetention.OpenChanges closed = (repo, change) -> true;

    assertThat(memory.forgetClosedBefore(loaded, closed, 10, 1)).isZero();
    assertThat(memory.refusal("demo/x", 7)).isPresent();
    assertThat(memory.forgetClosedBefore(loaded.plusSeconds(1), closed, 10, 1)).isEqualTo(1);
    assertThat(memory.refusal("demo/x", 7)).isEmpty();
  }
}
