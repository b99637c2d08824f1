package dev.ciorchestrator.persist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ciorchestrator.reconcile.queue.QueueState;
import dev.ciorchestrator.reconcile.queue.QueueStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The queue store contract on a file, plus: saving what is saved writes nothing, a damaged file
 * stops the start.
 */
class FileQueueStoreTest extends QueueStoreContract {
  @TempDir Path dir;

  @Override
  protected QueueStore fresh() throws IOException {
    return another();
  }

  @Override
  protected QueueStore another() throws IOException {
    return new FileQueueStore(dir.resolve("state/queue.json"));
  }

  @Test
  void anEmptyQueueLeavesNothingBehindAndSavingTheSameWritesNothing() throws IOException {
    Path file = dir.resolve("queue.json");
    FileQueueStore store = new FileQueueStore(file);
    store.save("acme/app", "main", STATE);
    long written = Files.getLastModifiedTime(file).toMillis();
    Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(written - 10_000));
    store.save("acme/app", "main", STATE);
    assertThat(Files.getLastModifiedTime(file).toMillis()).isEqualTo(written - 10_000);

    store.save("acme/app", "main", QueueState.EMPTY);
    assertThat(Files.readString(file).strip()).isEqualTo("{ }");
  }

  @Test
  void aDamagedFileIsAnErrorNamingIt() throws IOException {
    Path file = dir.resolve("queue.json");
    Files.writeString(file, "{\"acme/app\": {\"main\": {\"entries\": 3}}}");
    assertThatThrownBy(() -> new FileQueueStore(file))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("unreadable merge queue file " + file.toAbsolutePath());
  }
}
