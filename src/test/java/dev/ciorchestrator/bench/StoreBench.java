package dev.ciorchestrator.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ciorchestrator.domain.RunKey;
import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.domain.RunState;
import dev.ciorchestrator.domain.Trigger;
import dev.ciorchestrator.run.RunJson;
import dev.ciorchestrator.run.RunQuery;
import dev.ciorchestrator.run.postgres.PostgresRunStore;
import dev.ciorchestrator.testing.PostgresServer;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.postgresql.copy.CopyManager;
import org.postgresql.core.BaseConnection;

/**
 * The PostgreSQL run store's targets of issue 16 on a real server (the tests' {@link
 * PostgresServer}: loopback, {@code fsync=off}) holding 1,000,000 finished run records of 20
 * repositories (2,500 changes each, 10 jobs, two heads per change):
 *
 * <ul>
 *   <li>listing a change's runs and a page of a job's history (goal p95 ≤ 20 ms);
 *   <li>creating runs through {@link PostgresRunStore#create}, 8 threads (goal 1,000/s sustained);
 *   <li>the no-op reconcile of 10,000 open changes with this store ({@link ReconcileBench}'s, goal
 *       p99 ≤ 20 ms), in the same database beside the million.
 * </ul>
 *
 * Usage: {@code .ci/bench StoreBench}.
 */
public final class StoreBench {
  private static final int REPOS = 20;
  private static final int CHANGES = 2_500;
  private static final int JOBS = 10;
  private static final int HEADS = 2;
  private static final int SAMPLES = 2_000;
  private static final Instant BASE = Instant.parse("2026-01-01T00:00:00Z");

  private StoreBench() {}

  public static void main(String[] args) throws Exception {
    java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
    System.out.println("load average at start: " + loadAverage());
    try (PostgresServer server = PostgresServer.start()) {
      DataSource db = ThreadConnections.of(PostgresServer.dataSource(server.newDatabase()));
      Flyway.configure().dataSource(db).locations("classpath:db/migration").load().migrate();
      long t = System.nanoTime();
      load(db);
      System.out.printf("loaded %,d records in %.1f s%n", total(), (System.nanoTime() - t) / 1e9);
      PostgresRunStore store = new PostgresRunStore(db);
      System.out.println("| benchmark | result | goal |");
      System.out.println("|---|---|---|");
      reads(store, new ServerTime(db));
      creates(store);
      Path dir = Files.createTempDirectory("store-bench");
      ReconcileBench.noOp(dir, store, "PostgreSQL store, beside 1,000,000 other records");
    }
    System.out.println("load average at end: " + loadAverage());
  }

  private static long total() {
    return (long) REPOS * CHANGES * JOBS * HEADS;
  }

  private static String repo(int r) {
    return String.format("bench/repo-%02d", r);
  }

  private static String job(int j) {
    return "job-" + j;
  }

  /** COPY in batches of one repository: finished records as the store writes them. */
  private static void load(DataSource db) throws Exception {
    ObjectMapper json = RunJson.mapper();
    try (Connection c = db.getConnection()) {
      CopyManager copy = new CopyManager(c.unwrap(BaseConnection.class));
      for (int r = 0; r < REPOS; r++) {
        StringBuilder csv = new StringBuilder();
        for (int n = 1; n <= CHANGES; n++) {
          for (int h = 0; h < HEADS; h++) {
            String sha = String.format("%08x%032x", r * 100_000 + n, h);
            for (int j = 0; j < JOBS; j++) {
              Instant queued = BASE.plusSeconds(((long) n * HEADS + h) * 60 + j);
              RunRecord run = finished(RunKey.forChange(repo(r), n, sha, job(j), 1), queued);
              csv.append(run.id()).append(',').append(repo(r)).append(',').append(n).append(',');
              csv.append(job(j)).append(',').append(run.state().name()).append(',');
              csv.append(run.queuedAt()).append(',').append(run.finishedAt()).append(',');
              csv.append('"').append(json.writeValueAsString(run).replace("\"", "\"\""));
              csv.append("\"\n");
            }
          }
        }
        copy.copyIn(
            "COPY runs (id, repo, change_number, job, state, queued_at, finished_at, record)"
                + " FROM STDIN (FORMAT csv)",
            new StringReader(csv.toString()));
      }
      c.createStatement().execute("ANALYZE runs");
    }
  }

  private static RunRecord finished(RunKey key, Instant queued) {
    return new RunRecord(
            key,
            RunState.PENDING,
            Trigger.PULL_REQUEST,
            "alice",
            "",
            "base",
            "rev",
            queued,
            null,
            null,
            "")
        .withState(RunState.RUNNING, queued.plusSeconds(1), "")
        .withState(RunState.SUCCESS, queued.plusSeconds(30), "");
  }

  private static void reads(PostgresRunStore store, ServerTime server) throws Exception {
    Random random = new Random(16);
    double[] change = new double[SAMPLES];
    double[] history = new double[SAMPLES];
    double[] deep = new double[SAMPLES];
    ServerTime.Samples changeServer = server.samples("a change's runs");
    ServerTime.Samples historyServer = server.samples("a job's history, first page");
    ServerTime.Samples deepServer = server.samples("a job's history, deep page");
    for (int i = 0; i < SAMPLES; i++) {
      String repo = repo(random.nextInt(REPOS));
      long n = 1 + random.nextInt(CHANGES);
      String job = job(random.nextInt(JOBS));
      RunQuery ofChange =
          new RunQuery(repo, OptionalLong.of(n), "", Optional.empty(), Optional.empty(), 100);
      long t = System.nanoTime();
      List<RunRecord> runs = store.page(ofChange);
      change[i] = (System.nanoTime() - t) / 1e6;
      changeServer.every(10, i, ofChange);
      check(runs.size() == JOBS * HEADS, "a change lists " + runs.size());
      RunQuery ofJob =
          new RunQuery(repo, OptionalLong.empty(), job, Optional.empty(), Optional.empty(), 50);
      t = System.nanoTime();
      List<RunRecord> first = store.page(ofJob);
      history[i] = (System.nanoTime() - t) / 1e6;
      historyServer.every(10, i, ofJob);
      check(first.size() == 50, "a history page of " + first.size());
      // a page deep in the history, by a cursor from the middle of it
      RunRecord middle =
          finished(RunKey.forChange(repo, n, "0", job, 1), BASE.plusSeconds(n * HEADS * 60));
      RunQuery deeper =
          new RunQuery(
              repo,
              OptionalLong.empty(),
              job,
              Optional.empty(),
              Optional.of(RunQuery.Cursor.of(middle)),
              50);
      t = System.nanoTime();
      List<RunRecord> inside = store.page(deeper);
      deep[i] = (System.nanoTime() - t) / 1e6;
      check(inside.size() == 50 || n < 30, "a deep page of " + inside.size());
      deepServer.every(10, i, deeper);
    }
    row("list a change's runs (20 of 1,000,000)", change, "p95 ≤ 20 ms");
    row("a job's history, first page of 50", history, "p95 ≤ 20 ms");
    row("a job's history, a page of 50 deep inside it (keyset cursor)", deep, "p95 ≤ 20 ms");
    changeServer.print();
    historyServer.print();
    deepServer.print();
  }

  /** 8 threads create pending runs for 30 s; the rate of each second, and overall. */
  private static void creates(PostgresRunStore store) throws Exception {
    int threads = 8;
    Duration length = Duration.ofSeconds(30);
    AtomicLong created = new AtomicLong();
    long[] perSecond = new long[(int) length.toSeconds()];
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    long start = System.nanoTime();
    long end = start + length.toNanos();
    Future<?>[] workers = new Future<?>[threads];
    for (int w = 0; w < threads; w++) {
      int worker = w;
      workers[w] =
          pool.submit(
              () -> {
                long i = 0;
                while (System.nanoTime() < end) {
                  RunKey key =
                      RunKey.forChange("bench/new", worker * 10_000_000L + ++i, "abc", "unit", 1);
                  store.create(
                      new RunRecord(
                          key,
                          RunState.PENDING,
                          Trigger.PULL_REQUEST,
                          "alice",
                          "",
                          "b",
                          "r",
                          Instant.now(),
                          null,
                          null,
                          ""));
                  created.incrementAndGet();
                }
                return null;
              });
    }
    long last = 0;
    for (int s = 0; s < perSecond.length; s++) {
      Thread.sleep(Math.max(0, (start + (s + 1) * 1_000_000_000L - System.nanoTime()) / 1_000_000));
      long now = created.get();
      perSecond[s] = now - last;
      last = now;
    }
    for (Future<?> f : workers) {
      f.get();
    }
    pool.shutdown();
    long[] sorted = perSecond.clone();
    Arrays.sort(sorted);
    System.out.printf(
        "| create runs, 8 threads, 30 s | %,.0f runs/s overall · slowest second %,d · median second %,d | ≥ 1,000/s sustained |%n",
        created.get() / ((System.nanoTime() - start) / 1e9), sorted[0], sorted[sorted.length / 2]);
  }

  private static void row(String what, double[] ms, String goal) {
    Arrays.sort(ms);
    System.out.printf(
        "| %s, %,d samples | p50 %.2f ms · p95 %.2f ms · p99 %.2f ms | %s |%n",
        what,
        ms.length,
        ms[ms.length / 2],
        ms[ms.length * 95 / 100],
        ms[ms.length * 99 / 100],
        goal);
  }

  private static void check(boolean ok, String what) {
    if (!ok) {
      throw new IllegalStateException(what);
    }
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (java.io.IOException e) {
      return "unknown";
    }
  }
}
