package dev.ciorchestrator.config.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.config.loading.GitConfigSource;
import dev.ciorchestrator.testing.MutableClock;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What readers and other callers see while a new revision loads. */
class ConfigSyncConcurrencyTest {
  @TempDir Path tmp;
  TestRepo repo;
  GitConfigSource source;
  FakeLoader loader = new FakeLoader();
  ConfigSync sync;
  ExecutorService threads = Executors.newFixedThreadPool(2);

  @BeforeEach
  void repository() throws Exception {
    repo = TestRepo.init(tmp.resolve("config"));
    repo.write("jobs.yaml", "repo: a/b\n").commit("first");
    source = new GitConfigSource(repo.dir().toString(), "HEAD", "", tmp.resolve("cache"));
    sync = new ConfigSync(source, loader, new MutableClock(Instant.EPOCH));
  }

  @AfterEach
  void close() throws InterruptedException {
    threads.shutdownNow();
    threads.awaitTermination(10, TimeUnit.SECONDS);
    source.close();
    repo.close();
  }

  @Test
  void outOfSyncIsVisibleWhileLoadingAndTheOldSnapshotServes() throws Exception {
    String first = sync.sync().runningRevision();
    String second = repo.write("jobs.yaml", "repo: c/d\n").commit("second");
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    loader.holdNextLoad(entered, release);

    Future<SyncStatus> loading = threads.submit(sync::sync);
    assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
    SyncStatus during = sync.status();
    assertThat(during.state()).isEqualTo(SyncState.OUT_OF_SYNC);
    assertThat(during.resolvedRevision()).isEqualTo(second);
    assertThat(during.runningRevision()).isEqualTo(first);
    assertThat(sync.current().revision()).isEqualTo(first);

    release.countDown();
    assertThat(loading.get(10, TimeUnit.SECONDS).state()).isEqualTo(SyncState.SYNCED);
    assertThat(sync.current().revision()).isEqualTo(second);
  }

  @Test
  void concurrentSyncsLoadARevisionOnce() throws Exception {
    String sha = repo.git().getRepository().resolve("HEAD").name();
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    loader.holdNextLoad(entered, release);

    Future<SyncStatus> first = threads.submit(sync::sync);
    assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
    CompletableFuture<SyncStatus> second = CompletableFuture.supplyAsync(sync::sync, threads);
    Thread.sleep(100); // give the second caller time to reach the lock
    assertThat(second).as("waits for the running load").isNotDone();

    release.countDown();
    assertThat(first.get(10, TimeUnit.SECONDS).runningRevision()).isEqualTo(sha);
    assertThat(second.get(10, TimeUnit.SECONDS).runningRevision()).isEqualTo(sha);
    assertThat(loader.loads()).isEqualTo(1);
  }

  /** Its cost is ConfigBench's ("same SHA again"); here only that it reads and loads nothing. */
  @Test
  void theSameShaAgainLoadsNothing() {
    sync.sync();
    for (int i = 0; i < 50; i++) {
      sync.sync();
    }
    assertThat(loader.loads()).isEqualTo(1);
  }
}
