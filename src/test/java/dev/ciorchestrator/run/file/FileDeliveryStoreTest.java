package dev.ciorchestrator.run.file;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ciorchestrator.run.DeliveryStore;
import dev.ciorchestrator.run.DeliveryStoreContract;
import dev.ciorchestrator.run.WriteFence;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The callback queue contract against the embedded default: one JSON file. */
class FileDeliveryStoreTest extends DeliveryStoreContract {
  @TempDir Path tmp;
  private Path file;

  @Override
  protected DeliveryStore fresh(WriteFence fence) throws Exception {
    file = Files.createTempDirectory(tmp, "store").resolve("callbacks.json");
    return another(fence);
  }

  @Override
  protected DeliveryStore another(WriteFence fence) throws Exception {
    return new FileDeliveryStore(file, fence);
  }

  @Test
  void aDamagedFileIsAnErrorNamingIt() throws Exception {
    fresh(WriteFence.open());
    Files.writeString(file, "{\"deliveries\": [{]");
    assertThatThrownBy(() -> another(WriteFence.open()))
        .hasMessageContaining("unreadable callback queue file " + file.toAbsolutePath());
  }
}
