package dev.ciorchestrator.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ciorchestrator.domain.RunKey;
import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.domain.RunState;
import dev.ciorchestrator.domain.Trigger;
import dev.ciorchestrator.reports.ReportStore;
import dev.ciorchestrator.reports.RunReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * What every {@link RunStore} and {@link RunLogs} must do, proved the same way for each: a subclass
 * supplies a store on fresh, empty storage ({@link #fresh}) and a second instance on the same
 * storage ({@link #another}: a restart, or another replica), and inherits every test.
 */
public abstract class RunStoreContract {
  protected static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");
  private static final RunKey KEY = RunKey.forChange("demo/hello-go", 7, "abc", "go-test", 1);

  /** A store on new, empty storage; later calls of {@link #another} share it. */
  protected abstract RunStore fresh() throws Exception;

  /** Another instance on the storage of the last {@link #fresh} store. */
  protected abstract RunStore another() throws Exception;

  /** The logs beside the last {@link #fresh} store, as another instance would see them. */
  protected abstract RunLogs logs() throws Exception;

  /** Where the service keeps the whole reports of runs with this store. */
  protected abstract ReportStore reports() throws Exception;

  protected static RunRecord pending(RunKey key, String causedBy) {
    return new RunRecord(
        key, RunState.PENDING, Trigger.COMMAND, causedBy, "c42", "base", "rev", T0, null, null, "");
  }

  @Test
  void createIsCreateIfAbsentAndKeepsTheFirstRecord() throws Exception {
    RunStore store = fresh();
    assertThat(store.create(pending(KEY, "alice"))).isTrue();
    assertThat(store.create(pending(KEY, "mallory"))).isFalse();
    assertThat(another().create(pending(KEY, "mallory"))).isFalse();
    assertThat(store.get(KEY.id())).map(RunRecord::causedBy).contains("alice");
  }

  @Test
  void concurrentCreatesOnTwoInstancesCreateOnce() throws Exception {
    List<RunStore> stores = List.of(fresh(), another());
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        RunStore s = stores.get(i % 2);
        String who = "user" + i;
        Callable<Boolean> create = () -> s.create(pending(KEY, who));
        results.add(pool.submit(create));
      }
      int created = 0;
      for (Future<Boolean> f : results) {
        created += f.get() ? 1 : 0;
      }
      assertThat(created).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
    assertThat(stores.get(0).get(KEY.id())).isEqualTo(stores.get(1).get(KEY.id()));
  }

  @Test
  void recordsRoundTripAndAnotherInstanceSeesThem() throws Exception {
    RunRecord record = pending(KEY, "alice");
    fresh().create(record);
    RunRecord running =
        record.withExecutor("container").withState(RunState.RUNNING, T0.plusSeconds(5), "go");
    another().update(running);
    assertThat(another().all()).containsExactly(running);
    assertThat(another().get(KEY.id())).contains(running);
  }

  @Test
  void updatesOnlyMoveForward() throws Exception {
    RunStore store = fresh();
    RunRecord record = pending(KEY, "alice");
    store.create(record);
    RunRecord done = record.withState(RunState.SUCCESS, T0.plusSeconds(9), "ok");
    store.update(done);
    assertThatThrownBy(() -> store.update(record.withState(RunState.RUNNING, T0, "")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("cannot move from success to running");
    assertThatThrownBy(() -> store.update(done.withState(RunState.FAILURE, T0, "")))
        .isInstanceOf(IllegalStateException.class);
    assertThat(store.get(KEY.id())).contains(done);
  }

  @Test
  void updatingAMissingRunFails() throws Exception {
    RunStore store = fresh();
    assertThatThrownBy(() -> store.update(pending(KEY, "a").withState(RunState.RUNNING, T0, "")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no run record");
  }

  @Test
  void notARunIdIsRefused() throws Exception {
    RunStore store = fresh();
    assertThatThrownBy(() -> store.get("../etc/passwd"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(store.get("nothing-here")).isEmpty();
  }

  @Test
  void listingsAreOrderedByIdAndByRepository() throws Exception {
    RunStore store = fresh();
    List<RunRecord> made = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      RunRecord r = pending(RunKey.forChange(i % 2 == 0 ? "a/even" : "a/odd", i, "s", "j", 1), "x");
      store.create(r);
      made.add(r);
    }
    List<String> ids = made.stream().map(RunRecord::id).sorted().toList();
    assertThat(another().all()).extracting(RunRecord::id).containsExactlyElementsOf(ids);
    assertThat(another().forRepo("a/even"))
        .extracting(RunRecord::id)
        .containsExactlyElementsOf(
            made.stream()
                .filter(r -> r.key().repo().equals("a/even"))
                .map(RunRecord::id)
                .sorted()
                .toList());
    assertThat(store.forRepo("a/none")).isEmpty();
  }

  @Test
  void anUnchangedRepositoryListsTheSameInstances() throws Exception {
    RunStore store = fresh();
    RunRecord r = pending(KEY, "alice");
    store.create(r);
    List<RunRecord> first = store.forRepo(KEY.repo());
    assertThat(store.forRepo(KEY.repo())).isSameAs(first);
    store.update(r.withState(RunState.RUNNING, T0, ""));
    List<RunRecord> second = store.forRepo(KEY.repo());
    assertThat(second).isNotSameAs(first);
    assertThat(second.get(0).state()).isEqualTo(RunState.RUNNING);
  }

  @Test
  void logsAppendAndReadInRanges() throws Exception {
    fresh();
    RunLogs logs = logs();
    String id = KEY.id();
    assertThat(logs.read(id, 0, 64)).isEqualTo(new LogTail.Chunk("", 0, true));
    logs.append(id, "hello ".getBytes(StandardCharsets.UTF_8));
    logs.append(id, "wörld\n".getBytes(StandardCharsets.UTF_8));
    assertThat(logs().read(id, 0, 64)).isEqualTo(new LogTail.Chunk("hello wörld\n", 13, true));
    assertThat(logs().read(id, 6, 64)).isEqualTo(new LogTail.Chunk("wörld\n", 13, true));
    // a range ending inside "ö" holds its first byte back for the next read
    LogTail.Chunk part = logs().read(id, 4, 4);
    assertThat(part).isEqualTo(new LogTail.Chunk("o w", 7, false));
    assertThat(logs().read(id, part.nextOffset(), 4))
        .isEqualTo(new LogTail.Chunk("örl", 11, false));
    assertThat(logs().read(id, 13, 64)).isEqualTo(new LogTail.Chunk("", 13, true));
  }

  @Test
  void rangesAreRawBytesWithTheLogsSizeAndAskForNoMore() throws Exception {
    fresh();
    RunLogs logs = logs();
    String id = KEY.id();
    assertThat(logs.size(id)).isZero();
    assertThat(logs.range(id, 0, 16).bytes()).isEmpty();
    logs.append(id, "hello ");
    logs.append(id, "wörld\n");
    assertThat(logs().size(id)).isEqualTo(13);
    // cut inside "ö": a range is bytes, not text, so the lead byte comes alone
    RunLogs.Range r = logs().range(id, 4, 4);
    assertThat(r.bytes()).containsExactly('o', ' ', 'w', (byte) 0xC3);
    assertThat(r.size()).isEqualTo(13);
    assertThat(logs().range(id, 11, 100).bytes()).containsExactly('d', '\n');
    assertThat(logs().range(id, 13, 100).bytes()).isEmpty();
    assertThat(logs().range(id, 99, 100).bytes()).isEmpty();
    assertThat(logs().range(id, 0, 0)).satisfies(z -> assertThat(z.bytes()).isEmpty());
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> logs().range(id, -1, 4))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aLongLogReadsBackWhole() throws Exception {
    fresh();
    RunLogs logs = logs();
    StringBuilder all = new StringBuilder();
    for (int i = 0; i < 2000; i++) {
      String line = "line " + i + " " + "x".repeat(i % 97) + "\n";
      all.append(line);
      if (i % 100 == 0) {
        logs.append(KEY.id(), line.repeat(50).getBytes(StandardCharsets.UTF_8));
        all.append(line.repeat(49));
      } else {
        logs.append(KEY.id(), line.getBytes(StandardCharsets.UTF_8));
      }
    }
    StringBuilder read = new StringBuilder();
    long offset = 0;
    LogTail.Chunk chunk;
    do {
      chunk = logs().read(KEY.id(), offset, 10_000);
      read.append(chunk.text());
      offset = chunk.nextOffset();
    } while (!chunk.atEnd());
    assertThat(read.toString()).isEqualTo(all.toString());
  }

  @Test
  void pagesWalkEveryMatchingRunNewestFirstOnce() throws Exception {
    RunStore store = fresh();
    List<RunRecord> made = new ArrayList<>();
    for (int i = 0; i < 11; i++) {
      RunKey key =
          RunKey.forChange(i % 3 == 0 ? "a/other" : "a/main", i % 2, "s" + i, "j" + i % 2, 1);
      // pairs share a queued time (to the nanosecond) so the id must break ties
      RunRecord r =
          new RunRecord(
              key,
              RunState.PENDING,
              Trigger.PUSH,
              "x",
              "",
              "",
              "",
              T0.plusNanos(1000L * (i / 2) + 7),
              null,
              null,
              "");
      store.create(r);
      if (i % 4 == 0) {
        r = r.withState(RunState.SUCCESS, T0.plusSeconds(60), "");
        store.update(r);
      }
      made.add(r);
    }
    RunStore reader = another();
    for (RunQuery filter :
        List.of(
            query("", null, "", null),
            query("a/main", null, "", null),
            query("a/main", 1L, "", null),
            query("", null, "j0", null),
            query("", null, "", RunState.SUCCESS))) {
      List<String> expected =
          made.stream()
              .filter(filter::matches)
              .sorted(RunQuery.NEWEST_FIRST)
              .map(RunRecord::id)
              .toList();
      List<String> walked = new ArrayList<>();
      Optional<RunQuery.Cursor> before = Optional.empty();
      while (true) {
        List<RunRecord> page =
            reader.page(
                new RunQuery(
                    filter.repo(), filter.change(), filter.job(), filter.state(), before, 3));
        page.forEach(r -> walked.add(r.id()));
        if (page.size() < 3) {
          break;
        }
        before = Optional.of(RunQuery.Cursor.of(page.get(2)));
      }
      assertThat(walked).as(filter.toString()).isNotEmpty().containsExactlyElementsOf(expected);
    }
  }

  @Test
  void aBatchPageHoldsOnlyThatBatchsRuns() throws Exception {
    RunStore store = fresh();
    String batch = "0123456789abcdef";
    RunKey mine = RunKey.forBatch("a/main", "main", batch, "c1", "test", 1);
    RunKey other = RunKey.forBatch("a/main", "main", "fedcba9876543210", "c2", "test", 1);
    // a branch whose name ends like the batch id is still not that batch
    RunKey push = RunKey.forPush("a/main", "x@" + batch, "c3", "test");
    for (RunKey key : List.of(mine, other, push)) {
      store.create(pending(key, "x"));
    }
    List<RunRecord> page =
        another()
            .page(
                new RunQuery(
                    "", OptionalLong.empty(), "", Optional.empty(), batch, Optional.empty(), 10));
    assertThat(page).extracting(RunRecord::key).containsExactly(mine);
  }

  private static RunQuery query(String repo, Long change, String job, RunState state) {
    return new RunQuery(
        repo,
        change == null ? OptionalLong.empty() : OptionalLong.of(change),
        job,
        Optional.ofNullable(state),
        Optional.empty(),
        1000);
  }

  /** Appends {@code text}; for subclasses' own tests. */
  @Test
  void retentionDeletesOnlyOldFinishedRunsWithTheirLogsAndReportsInBatches() throws Exception {
    RunStore store = fresh();
    Retention retention = (Retention) store;
    RunLogs logs = logs();
    ReportStore reports = reports();
    List<String> old = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      RunRecord r = pending(RunKey.forChange("a/b", i, "s", "j", 1), "x");
      store.create(r);
      append(logs, r.id(), "output " + i);
      reports.put(r.id(), RunReport.EMPTY);
      // changes 1-3 finished long ago, 4 just now, 5 still runs
      if (i <= 4) {
        store.update(r.withState(RunState.SUCCESS, T0.plusSeconds(i <= 3 ? i : 100_000), ""));
      }
      if (i <= 3) {
        old.add(r.id());
      }
    }
    Instant cutoff = T0.plusSeconds(50_000);
    assertThat(retention.deleteFinishedBefore(cutoff, 2)).isEqualTo(2);
    assertThat(retention.deleteFinishedBefore(cutoff, 2)).isEqualTo(1);
    assertThat(retention.deleteFinishedBefore(cutoff, 2)).isZero();
    assertThat(another().all())
        .extracting(RunRecord::id)
        .doesNotContainAnyElementsOf(old)
        .hasSize(2);
    for (String id : old) {
      assertThat(logs.read(id, 0, 64)).isEqualTo(new LogTail.Chunk("", 0, true));
      assertThat(reports.get(id)).as("the report of " + id).isEmpty();
    }
    assertThat(store.all()).hasSize(2);
    for (RunRecord kept : store.all()) {
      assertThat(reports.get(kept.id())).isPresent();
    }
  }

  protected static void append(RunLogs logs, String id, String text) throws IOException {
    logs.append(id, text.getBytes(StandardCharsets.UTF_8));
  }
}
