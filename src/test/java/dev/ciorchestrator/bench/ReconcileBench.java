package dev.ciorchestrator.bench;

import dev.ciorchestrator.config.model.ConfigSnapshot;
import dev.ciorchestrator.config.model.Repository;
import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.domain.RunState;
import dev.ciorchestrator.executor.Executor;
import dev.ciorchestrator.executor.RunEvents;
import dev.ciorchestrator.executor.RunSpec;
import dev.ciorchestrator.executor.local.LocalExecutor;
import dev.ciorchestrator.executor.process.JobSlots;
import dev.ciorchestrator.executor.process.ProcessRunner;
import dev.ciorchestrator.executor.workspace.WorkspaceBuilder;
import dev.ciorchestrator.forge.local.LocalForge;
import dev.ciorchestrator.forge.local.LocalForgeStore;
import dev.ciorchestrator.reconcile.LoopMetrics;
import dev.ciorchestrator.reconcile.ReconcileLoop;
import dev.ciorchestrator.reconcile.RepoReconciler;
import dev.ciorchestrator.report.RunLinks;
import dev.ciorchestrator.run.RunStore;
import dev.ciorchestrator.run.file.FileRunStore;
import dev.ciorchestrator.run.file.FileWatermarks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The reconcile loop's three targets from issue 3, on the embedded default's real classes and files
 * (local forge over a bare repository, file run records, real bash runs for the latency):
 *
 * <ul>
 *   <li>a no-op reconcile of a repository with 10,000 open changes (goal ≤ 20 ms);
 *   <li>resident memory while tracking them (goal ≤ 300 MB; the service itself is measured by
 *       {@code .ci/bench-service-rss}, which reuses the folder this writes);
 *   <li>event → run started over 500 events (goal p99 ≤ 50 ms).
 * </ul>
 *
 * Usage: {@code ReconcileBench [folder]}; the folder keeps the 10,000-change state for the service
 * measurement.
 */
public final class ReconcileBench {
  private static final int CHANGES = 10_000;
  private static final int EVENTS = 500;
  private static final int NO_OP_ROUNDS = 200;

  private ReconcileBench() {}

  public static void main(String[] args) throws Exception {
    // one console line per change per pass would measure the terminal, not the loop
    java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
    Path dir = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("reconcile-bench");
    Path noop = dir.resolve("noop");
    noOp(noop, new FileRunStore(noop.resolve("runs/records")), "file store");
    latency(dir.resolve("latency"));
  }

  /** Settles 10,000 changes with {@code runs} as the run store, then times no-op passes. */
  static void noOp(Path dir, RunStore measured, String storeKind) throws Exception {
    TimedRunStore runs = new TimedRunStore(measured);
    LoopBenchSetup.init(dir);
    LoopBenchSetup.writeForge(
        dir.resolve("local-forge.json"), LoopBenchSetup.branches(dir, CHANGES));
    ConfigSnapshot snapshot = LoopBenchSetup.config(dir);
    Repository repository = snapshot.repositories().get(0);
    Clock clock = Clock.systemUTC();
    LocalForgeStore store = new LocalForgeStore(dir.resolve("local-forge.json"), clock);
    LocalForge forge =
        new LocalForge(store, dir.resolve("repos"), "ci-orchestrator", clock, snapshot::repository);
    RepoReconciler reconciler =
        new RepoReconciler(
            Map.of("local", forge),
            runs,
            new InstantExecutor(runs, clock),
            new FileWatermarks(dir.resolve("watermarks.json")),
            clock,
            new RunLinks("http://localhost:8080"),
            Duration.ofHours(1),
            LoopMetrics.NONE);

    long start = System.nanoTime();
    int passes = 0;
    int planned;
    do {
      long pass = System.nanoTime();
      planned = reconciler.reconcile(snapshot, repository);
      passes++;
      System.out.printf(
          "settling pass %d: %,d changes planned in %.1f s%n",
          passes, planned, (System.nanoTime() - pass) / 1e9);
    } while (planned > 0 && passes < 10);
    if (planned > 0) {
      throw new IllegalStateException("the changes never settled: " + planned + " still planned");
    }
    double settleS = (System.nanoTime() - start) / 1e9;

    double[] ms = new double[NO_OP_ROUNDS];
    // the pass's own CPU and its wait for the store: on a loaded machine wall time is mostly the
    // wait for a core, which these two do not count
    double[] cpu = new double[NO_OP_ROUNDS];
    double[] inStore = new double[NO_OP_ROUNDS];
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    for (int i = 0; i < NO_OP_ROUNDS; i++) {
      runs.takeNanos();
      long c = threads.getCurrentThreadCpuTime();
      long t = System.nanoTime();
      if (reconciler.reconcile(snapshot, repository) != 0) {
        throw new IllegalStateException("a no-op pass planned something");
      }
      ms[i] = (System.nanoTime() - t) / 1e6;
      cpu[i] = (threads.getCurrentThreadCpuTime() - c) / 1e6;
      inStore[i] = runs.takeNanos() / 1e6;
    }
    Arrays.sort(ms);
    Arrays.sort(cpu);
    Arrays.sort(inStore);
    System.gc();
    Thread.sleep(200);
    Runtime rt = Runtime.getRuntime();
    long heapMiB = (rt.totalMemory() - rt.freeMemory()) / (1024 * 1024);
    System.out.printf(
        "| no-op reconcile, %,d open changes, %,d run records, %s | p50 %.2f ms · p99 %.2f ms ·"
            + " max %.2f ms | ≤ 20 ms |%n",
        CHANGES,
        runs.forRepo(LoopBenchSetup.REPO).size(),
        storeKind,
        ms[NO_OP_ROUNDS / 2],
        ms[NO_OP_ROUNDS * 99 / 100],
        ms[NO_OP_ROUNDS - 1]);
    System.out.printf(
        "| · of which the pass's own CPU time (thread CPU) · and its wall time in the store"
            + " | CPU p50 %.2f ms · p99 %.2f ms · store p50 %.2f ms · p99 %.2f ms | — |%n",
        cpu[NO_OP_ROUNDS / 2],
        cpu[NO_OP_ROUNDS * 99 / 100],
        inStore[NO_OP_ROUNDS / 2],
        inStore[NO_OP_ROUNDS * 99 / 100]);
    System.out.printf(
        "| settling them from nothing (start, run, report each) | %.1f s in %d passes | — |%n",
        settleS, passes);
    System.out.printf(
        "| memory tracking them (this JVM, no Quarkus) | RSS %d MiB · heap used %d MiB after GC"
            + " | ≤ 300 MB |%n",
        LoopBenchSetup.rssMiB(), heapMiB);
  }

  private static void latency(Path dir) throws Exception {
    String head = LoopBenchSetup.init(dir);
    ConfigSnapshot snapshot = LoopBenchSetup.config(dir);
    Clock clock = Clock.systemUTC();
    LocalForgeStore store = new LocalForgeStore(dir.resolve("local-forge.json"), clock);
    LocalForge forge =
        new LocalForge(store, dir.resolve("repos"), "ci-orchestrator", clock, snapshot::repository);
    RunStore runs = new FileRunStore(dir.resolve("runs/records"));
    Map<Long, Long> created = new ConcurrentHashMap<>();
    Map<Long, Long> running = new ConcurrentHashMap<>();
    Map<Long, CountDownLatch> started = new ConcurrentHashMap<>();
    RunEvents events = new RunEvents();
    events.register(
        run -> {
          if (run.state() == RunState.RUNNING) {
            running.putIfAbsent(run.key().change(), System.nanoTime());
            started.computeIfAbsent(run.key().change(), n -> new CountDownLatch(1)).countDown();
          }
        });
    ExecutorService pool = Executors.newCachedThreadPool();
    Executor local =
        new LocalExecutor(
            runs,
            new WorkspaceBuilder(),
            new ProcessRunner(),
            new JobSlots(),
            dir.resolve("runs"),
            clock,
            events,
            pool);
    Executor timed = new TimedExecutor(local, created);
    RepoReconciler reconciler =
        new RepoReconciler(
            Map.of("local", forge),
            runs,
            timed,
            new FileWatermarks(dir.resolve("watermarks.json")),
            clock,
            new RunLinks("http://localhost:8080"),
            Duration.ofHours(1),
            LoopMetrics.NONE);
    ReconcileLoop loop =
        new ReconcileLoop(() -> snapshot, () -> {}, reconciler, clock, LoopMetrics.NONE);
    events.register(run -> loop.request(run.key().repo()));
    loop.start();
    long[] toCreated = new long[EVENTS];
    long[] toRunning = new long[EVENTS];
    for (int i = 0; i < EVENTS + 50; i++) {
      long t0 = System.nanoTime();
      // what the API does: write the change, then fire the event the loop listens to. Each from
      // a branch name of its own (a branch has one open change); none exists, so the head stays.
      long n =
          store
              .open(
                  LoopBenchSetup.REPO,
                  "c",
                  "alice",
                  "latency-" + i,
                  "main",
                  false,
                  head,
                  Instant.now())
              .number();
      loop.request(LoopBenchSetup.REPO);
      if (!started.computeIfAbsent(n, k -> new CountDownLatch(1)).await(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("change " + n + " never started its run");
      }
      if (i >= 50) { // the first 50 warm the JIT up
        toCreated[i - 50] = created.get(n) - t0;
        toRunning[i - 50] = running.get(n) - t0;
      }
      loop.awaitIdle(Duration.ofSeconds(30));
    }
    loop.close();
    pool.shutdown();
    Arrays.sort(toCreated);
    Arrays.sort(toRunning);
    System.out.printf(
        "| event → run record created and handed to the executor, %d events | p50 %.1f ms · p99"
            + " %.1f ms | p99 ≤ 50 ms |%n",
        EVENTS, toCreated[EVENTS / 2] / 1e6, toCreated[EVENTS * 99 / 100] / 1e6);
    System.out.printf(
        "| event → run `running` (workspace built, bash starting), %d events | p50 %.1f ms · p99"
            + " %.1f ms | — |%n",
        EVENTS, toRunning[EVENTS / 2] / 1e6, toRunning[EVENTS * 99 / 100] / 1e6);
  }

  /** Ends every run at once as a success: the no-op bench measures the loop, not the jobs. */
  record InstantExecutor(RunStore runs, Clock clock) implements Executor {
    @Override
    public void start(RunRecord run, RunSpec spec) {
      try {
        runs.update(run.withState(RunState.SUCCESS, clock.instant(), ""));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public boolean cancel(String runId, String reason) {
      return false;
    }

    @Override
    public void recover(RunRecord run, Optional<RunSpec> spec) {
      start(run, spec.orElseThrow());
    }

    @Override
    public Path logFile(String runId) {
      return Path.of(runId + ".log");
    }
  }

  /**
   * Notes when each change's run was handed over and tells {@code then}, then hands it to the real
   * executor.
   */
  record TimedExecutor(Executor real, Map<Long, Long> handedOver, Consumer<RunRecord> then)
      implements Executor {
    TimedExecutor(Executor real, Map<Long, Long> handedOver) {
      this(real, handedOver, run -> {});
    }

    @Override
    public void start(RunRecord run, RunSpec spec) {
      handedOver.putIfAbsent(run.key().change(), System.nanoTime());
      then.accept(run);
      real.start(run, spec);
    }

    @Override
    public boolean cancel(String runId, String reason) {
      return real.cancel(runId, reason);
    }

    @Override
    public void recover(RunRecord run, Optional<RunSpec> spec) {
      real.recover(run, spec);
    }

    @Override
    public Path logFile(String runId) {
      return real.logFile(runId);
    }
  }
}
