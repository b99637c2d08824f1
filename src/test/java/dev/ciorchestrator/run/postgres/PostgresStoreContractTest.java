package dev.ciorchestrator.run.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ciorchestrator.domain.RunKey;
import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.domain.RunState;
import dev.ciorchestrator.reports.ReportStore;
import dev.ciorchestrator.run.LogTail;
import dev.ciorchestrator.run.RunLogs;
import dev.ciorchestrator.run.RunStore;
import dev.ciorchestrator.run.RunStoreContract;
import dev.ciorchestrator.run.WriteFence;
import dev.ciorchestrator.testing.PostgresServer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The run store contract against a real PostgreSQL server (one for the class, a new database per
 * test, the schema from the service's own Flyway migrations), plus what only this store does.
 */
class PostgresStoreContractTest extends RunStoreContract {
  private static PostgresServer server;
  private DataSource db;

  @BeforeAll
  static void startServer() throws Exception {
    server = PostgresServer.shared();
  }

  static DataSource migrated(String url) {
    DataSource ds = PostgresServer.dataSource(url);
    Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
    return ds;
  }

  @Override
  protected RunStore fresh() throws Exception {
    db = migrated(server.newDatabase());
    return another();
  }

  @Override
  protected RunStore another() {
    return new PostgresRunStore(db);
  }

  @Override
  protected RunLogs logs() {
    return new PostgresRunLogs(db, 1 << 20);
  }

  @Override
  protected ReportStore reports() {
    return ReportStore.inDatabase(db);
  }

  @Test
  void aFollowersWritesAreRefusedAndReachNothingUntilItLeads() throws Exception {
    fresh();
    WriteFence fence = WriteFence.closed();
    RunStore follower = new PostgresRunStore(db, fence);
    RunStore leader = another();
    RunRecord run = pending(RunKey.forChange("a/b", 1, "s", "j", 1), "x");

    assertThatThrownBy(() -> follower.create(run))
        .isInstanceOf(WriteFence.NotLeading.class)
        .hasMessageContaining("creating run " + run.id());
    assertThat(leader.get(run.id())).as("nothing reached the database").isEmpty();

    assertThat(leader.create(run)).isTrue();
    RunRecord running = run.withState(RunState.RUNNING, Instant.now(), "");
    assertThatThrownBy(() -> follower.update(running)).isInstanceOf(WriteFence.NotLeading.class);
    assertThat(leader.get(run.id()).orElseThrow().state()).isEqualTo(RunState.PENDING);
    assertThat(follower.get(run.id())).as("a follower reads as any replica").isPresent();

    fence.lead(); // elected
    follower.update(running);
    assertThat(leader.get(run.id()).orElseThrow().state()).isEqualTo(RunState.RUNNING);
    fence.follow(); // lost the lock
    assertThatThrownBy(
            () -> follower.update(running.withState(RunState.SUCCESS, Instant.now(), "")))
        .isInstanceOf(WriteFence.NotLeading.class);
    assertThat(leader.get(run.id()).orElseThrow().state()).isEqualTo(RunState.RUNNING);
  }

  @Test
  void aRunTurnsTerminalOnlyOnceItsLogIsFlushed() throws Exception {
    fresh();
    PostgresRunStore store = new PostgresRunStore(db);
    List<String> flushed = new ArrayList<>();
    boolean[] fail = {true};
    store.beforeEnd(
        id -> {
          if (fail[0]) {
            throw new java.io.IOException("the database is away");
          }
          flushed.add(id);
        });
    RunRecord run = pending(RunKey.forChange("a/b", 1, "s", "j", 1), "x");
    store.create(run);
    RunRecord running = run.withState(RunState.RUNNING, Instant.now(), "");
    store.update(running); // not an end: no flush asked
    RunRecord done = running.withState(RunState.SUCCESS, Instant.now(), "");

    assertThatThrownBy(() -> store.update(done)).hasMessageContaining("away");
    assertThat(store.get(run.id()).orElseThrow().state()).isEqualTo(RunState.RUNNING);
    fail[0] = false;
    store.update(done);
    assertThat(flushed).containsExactly(run.id());
    assertThat(store.get(run.id()).orElseThrow().state()).isEqualTo(RunState.SUCCESS);
  }

  @Test
  void aLogPastItsLimitEndsWithOneMarker() throws Exception {
    fresh();
    RunLogs logs = new PostgresRunLogs(db, 10);
    append(logs, "run-1", "1234567");
    append(logs, "run-1", "éé"); // the limit falls inside the second "é": it is dropped whole
    append(logs, "run-1", "more");
    String marker = new String(PostgresRunLogs.marker(10), StandardCharsets.UTF_8);
    LogTail.Chunk all = logs.read("run-1", 0, 4096);
    assertThat(all.text()).isEqualTo("1234567é" + marker);
    assertThat(all.atEnd()).isTrue();
  }

  @Test
  void aReplicasListingFollowsEveryWriteOfAnotherAndOnlyOfItsRepository() throws Exception {
    PostgresRunStore reader = (PostgresRunStore) fresh();
    PostgresRunStore writer = new PostgresRunStore(db);
    RunRecord run = pending(RunKey.forChange("a/b", 1, "s", "j", 1), "x");
    RunRecord other = pending(RunKey.forChange("c/d", 1, "s", "j", 1), "x");
    assertThat(reader.forRepo("a/b")).isEmpty();

    writer.create(run);
    List<RunRecord> listed = reader.forRepo("a/b");
    assertThat(listed).containsExactly(run);
    writer.create(other);
    assertThat(reader.forRepo("a/b")).as("another repository's write").isSameAs(listed);

    RunRecord ended = run.withState(RunState.SUCCESS, T0.plusSeconds(5), "");
    writer.update(ended);
    assertThat(reader.forRepo("a/b")).containsExactly(ended);
    assertThat(writer.deleteFinishedBefore(T0.plusSeconds(10), 10)).isEqualTo(1);
    assertThat(reader.forRepo("a/b")).as("a deletion by another replica").isEmpty();
    assertThat(reader.forRepo("c/d")).containsExactly(other);
  }

  @Test
  void concurrentCreatesAreGroupedAndEachRunIsCreatedExactlyOnce() throws Exception {
    RunStore store = fresh();
    int threads = 8;
    int runs = 40;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Integer>> created = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        // every thread tries every run, in its own order
        int offset = t * 7;
        Callable<Integer> work =
            () -> {
              int mine = 0;
              for (int i = 0; i < runs; i++) {
                long change = 1 + (i + offset) % runs;
                mine +=
                    store.create(pending(RunKey.forChange("a/b", change, "s", "j", 1), "x"))
                        ? 1
                        : 0;
              }
              return mine;
            };
        created.add(pool.submit(work));
      }
      int total = 0;
      for (Future<Integer> f : created) {
        total += f.get();
      }
      assertThat(total).isEqualTo(runs);
    } finally {
      pool.shutdownNow();
    }
    assertThat(another().forRepo("a/b")).hasSize(runs);
  }
}
