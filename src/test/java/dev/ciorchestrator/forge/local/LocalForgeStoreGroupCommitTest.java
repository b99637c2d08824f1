package dev.ciorchestrator.forge.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.domain.CommitStatus;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Deferred writes are published at once and saved by the next flush or ordinary write. */
class LocalForgeStoreGroupCommitTest {
  private static final String REPO = "demo/app";
  private static final String SHA = "a".repeat(40);
  private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
  private static final CommitStatus OK =
      new CommitStatus("ci/build", CommitStatus.State.SUCCESS, "passed", "");

  @TempDir Path dir;

  @Test
  void aDeferredWriteIsVisibleAtOnceButOnDiskOnlyAfterFlush() throws Exception {
    Path file = dir.resolve("forge.json");
    LocalForgeStore store = new LocalForgeStore(file);
    store.open(REPO, "t", "alice", "feature", "main", false, SHA, NOW);

    store.deferred(
        () -> {
          store.setStatus(REPO, SHA, OK);
          return store.acknowledge(REPO, 1, "c1");
        });

    assertThat(store.statuses(REPO, SHA)).containsEntry("ci/build", OK);
    assertThat(new LocalForgeStore(file).statuses(REPO, SHA)).as("not saved yet").isEmpty();

    store.flush();

    LocalForgeStore reopened = new LocalForgeStore(file);
    assertThat(reopened.statuses(REPO, SHA)).containsEntry("ci/build", OK);
    assertThat(reopened.get(REPO, 1).orElseThrow().acknowledged()).containsExactly("c1");
  }

  @Test
  void anOrdinaryWriteSavesEarlierDeferredOnesWithIt() throws Exception {
    Path file = dir.resolve("forge.json");
    LocalForgeStore store = new LocalForgeStore(file);
    store.open(REPO, "t", "alice", "feature", "main", false, SHA, NOW);
    store.deferred(() -> store.label(REPO, 1, "needs-ok-to-test", true));

    store.comment(REPO, 1, "bob", "/ok-to-test", NOW);

    LocalChange saved = new LocalForgeStore(file).get(REPO, 1).orElseThrow();
    assertThat(saved.labels()).containsExactly("needs-ok-to-test");
    assertThat(saved.comments()).hasSize(1);
  }
}
