package dev.ciorchestrator.persist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ciorchestrator.reconcile.queue.QueueState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The queues' state survives a restart whole, and a damaged file stops the start. */
class FileQueueStoreTest {
  @TempDir Path dir;

  static final QueueState STATE =
      new QueueState(
          7,
          List.of(new QueueState.Entry(12, "a".repeat(40), Instant.parse("2026-12-01T10:00:00Z"))),
          List.of(List.of(12L), List.of(15L)),
          List.of(
              QueueState.Built.commit("0123456789abcdef", 7, "c".repeat(40)),
              QueueState.Built.conflict("fedcba9876543210", 6, 15, "conflict in go.mod")),
          List.of(new QueueState.Rejection(9, "b".repeat(40), "batch #5 (#9) failed")));

  @Test
  void aNewStoreOnTheSameFileReadsWhatWasSaved() throws IOException {
    Path file = dir.resolve("state/queue.json");
    new FileQueueStore(file).save("acme/app", "main", STATE);

    FileQueueStore again = new FileQueueStore(file);
    assertThat(again.load("acme/app", "main")).isEqualTo(STATE);
    assertThat(again.load("acme/app", "release")).isEqualTo(QueueState.EMPTY);
    assertThat(again.load("acme/other", "main")).isEqualTo(QueueState.EMPTY);
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
