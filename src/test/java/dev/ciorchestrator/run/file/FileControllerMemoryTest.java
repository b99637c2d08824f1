package dev.ciorchestrator.run.file;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ciorchestrator.run.ControllerMemory;
import dev.ciorchestrator.run.ControllerMemoryContract;
import dev.ciorchestrator.run.WriteFence;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The controller memory contract against the embedded default: one JSON file. */
class FileControllerMemoryTest extends ControllerMemoryContract {
  @TempDir Path tmp;
  private Path file;

  @Override
  protected ControllerMemory fresh(WriteFence fence) throws Exception {
    file = Files.createTempDirectory(tmp, "store").resolve("memory.json");
    return another(fence);
  }

  @Override
  protected ControllerMemory another(WriteFence fence) throws Exception {
    return new FileControllerMemory(file, fence);
  }

  @Test
  void aDamagedFileIsAnErrorNamingIt() throws Exception {
    fresh(WriteFence.open());
    Files.writeString(file, "{\"changes\": [");
    assertThatThrownBy(() -> another(WriteFence.open()))
        .hasMessageContaining("unreadable controller memory file " + file.toAbsolutePath());
  }
}
