package dev.ciorchestrator.config.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.config.loading.ConfigSource;
import dev.ciorchestrator.config.model.ConfigFile;
import dev.ciorchestrator.config.model.ConfigSnapshot;
import dev.ciorchestrator.config.model.LoadResult;
import dev.ciorchestrator.testing.MutableClock;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Failures that are not config errors: source outages, loader bugs, secrets in messages. */
class ConfigSyncFailureTest {
  static final String URL = "https://bot:hunter2@git.example.com/ci.git";

  final AtomicReference<String> head = new AtomicReference<>("sha-1");
  final AtomicReference<IOException> outage = new AtomicReference<>();
  final MutableClock clock = new MutableClock(Instant.EPOCH);

  final ConfigSource source =
      new ConfigSource() {
        @Override
        public String resolve() throws IOException {
          if (outage.get() != null) {
            throw outage.get();
          }
          return head.get();
        }

        @Override
        public List<ConfigFile> read(String revision) {
          return List.of();
        }

        @Override
        public String describe() {
          return URL + "@main";
        }
      };

  @Test
  void secretsInTheSourceAndItsErrorsAreRedacted() {
    outage.set(new IOException("cannot reach " + URL + ": timeout"));
    SyncStatus status = new ConfigSync(source, (rev, files) -> fail(), clock).sync();
    assertThat(status.source()).isEqualTo("https://bot:***@git.example.com/ci.git@main");
    assertThat(status.errors())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.position().file()).isEqualTo(status.source());
              assertThat(e.message())
                  .isEqualTo("cannot reach https://bot:***@git.example.com/ci.git: timeout");
            });
    assertThat(status.toString()).doesNotContain("hunter2");
  }

  @Test
  void anOutageKeepsTheLastGoodSnapshotAndRecovers() {
    ConfigSync sync = new ConfigSync(source, (rev, files) -> loaded(rev), clock);
    sync.sync();
    outage.set(new IOException("connection refused"));
    SyncStatus down = sync.sync();
    assertThat(down.state()).isEqualTo(SyncState.ERROR);
    assertThat(down.runningRevision()).isEqualTo("sha-1");
    assertThat(down.errors()).extracting(e -> e.field()).containsExactly("revision");
    outage.set(null);
    assertThat(sync.sync().state()).isEqualTo(SyncState.SYNCED);
  }

  @Test
  void aLoaderBugIsAnErrorAndIsTriedAgainNextTime() {
    AtomicInteger calls = new AtomicInteger();
    ConfigSync sync =
        new ConfigSync(
            source,
            (rev, files) -> {
              if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("boom");
              }
              return loaded(rev);
            },
            clock);
    SyncStatus broken = sync.sync();
    assertThat(broken.state()).isEqualTo(SyncState.ERROR);
    assertThat(broken.errors()).extracting(e -> e.message()).containsExactly("boom");
    assertThat(sync.sync().state()).isEqualTo(SyncState.SYNCED);
    assertThat(calls).hasValue(2);
  }

  @Test
  void onlyTheLastFewRevisionsAreCached() {
    AtomicInteger loads = new AtomicInteger();
    ConfigSync sync =
        new ConfigSync(
            source,
            (rev, files) -> {
              loads.incrementAndGet();
              return loaded(rev);
            },
            clock);
    for (int i = 1; i <= ConfigSync.CACHED_REVISIONS + 1; i++) {
      head.set("sha-" + i);
      sync.sync();
    }
    head.set("sha-" + 2);
    sync.sync();
    assertThat(loads).as("sha-2 still cached").hasValue(ConfigSync.CACHED_REVISIONS + 1);
    head.set("sha-" + 1);
    sync.sync();
    assertThat(loads).as("sha-1 was evicted").hasValue(ConfigSync.CACHED_REVISIONS + 2);
  }

  private static LoadResult loaded(String revision) {
    return new LoadResult.Loaded(
        new ConfigSnapshot(revision, List.of(), List.of(), List.of(), java.util.Map.of()));
  }

  private static LoadResult fail() {
    throw new AssertionError("nothing to load");
  }
}
