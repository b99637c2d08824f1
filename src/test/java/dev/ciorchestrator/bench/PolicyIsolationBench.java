package dev.ciorchestrator.bench;

import dev.ciorchestrator.config.loading.ConfigLoader;
import dev.ciorchestrator.config.loading.DirectoryConfigSource;
import dev.ciorchestrator.config.model.ConfigSnapshot;
import dev.ciorchestrator.config.sync.ConfigSync;
import dev.ciorchestrator.forge.local.LocalForge;
import dev.ciorchestrator.forge.local.LocalForgeStore;
import dev.ciorchestrator.forge.local.LocalRepos;
import dev.ciorchestrator.forge.local.TestGitRepo;
import dev.ciorchestrator.policy.Evaluation;
import dev.ciorchestrator.policy.cel.CelPolicyEngine;
import dev.ciorchestrator.reconcile.LoopMetrics;
import dev.ciorchestrator.reconcile.LoopProgress;
import dev.ciorchestrator.reconcile.PassLimits;
import dev.ciorchestrator.reconcile.ReconcileLoop;
import dev.ciorchestrator.reconcile.RepoReconciler;
import dev.ciorchestrator.report.RunLinks;
import dev.ciorchestrator.run.RunStore;
import dev.ciorchestrator.run.file.FileRunStore;
import dev.ciorchestrator.run.file.FileWatermarks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Issue 18's isolation goal: a repository with 20 open changes under a gate policy that runs into
 * its per-evaluation time limit at every evaluation, beside a healthy repository. The slow one is
 * asked for a pass every 50 ms and plans all its changes at every pass ({@code resync} zero), so it
 * keeps the loop as busy as it can; meanwhile changes are opened on the healthy one one at a time,
 * each followed by its event, and timed until its run is handed to the executor (goal: p99 ≤ 50
 * ms). Real local forge over bare repositories, file run records.
 *
 * <p>Usage: {@code PolicyIsolationBench [events]}.
 */
public final class PolicyIsolationBench {
  static final String SLOW = "bench/slow";
  static final String HEALTHY = "bench/app";
  private static final int SLOW_CHANGES = 20;
  private static final int WARM_UP = 10;
  private static final String CONFIG =
      """
      apiVersion: ci-orchestrator/v1
      kind: Repository
      name: bench/app
      forge: local
      defaultBranch: main
      trust: {users: [alice]}
      ---
      apiVersion: ci-orchestrator/v1
      kind: Repository
      name: bench/slow
      forge: local
      defaultBranch: main
      trust: {users: [alice]}
      ---
      apiVersion: ci-orchestrator/v1
      kind: Job
      name: build
      repos: [bench/app, bench/slow]
      triggers: {pullRequest: {branches: [main]}}
      run: "true"
      ---
      apiVersion: ci-orchestrator/v1
      kind: Policy
      name: slow-rule
      type: gate
      repos: [bench/slow]
      rule: "lists.range(10000).map(i, lists.range(10000)).size() > 0"
      """;

  private PolicyIsolationBench() {}

  public static void main(String[] args) throws Exception {
    java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.SEVERE);
    int serial = args.length > 0 ? Integer.parseInt(args[0]) : 30;
    int isolated = args.length > 1 ? Integer.parseInt(args[1]) : 100;
    PassLimits defaults = new PassLimits(4, Optional.of(Duration.ofSeconds(2)));
    report("the slow one idle (baseline, defaults)", defaults, isolated, false);
    report("one pass at a time, no budget (before)", PassLimits.SERIAL, serial, true);
    report("4 passes at once, 2 s budget per pass (defaults)", defaults, isolated, true);
  }

  private static void report(String how, PassLimits limits, int events, boolean slowEvents)
      throws Exception {
    Path dir = Files.createTempDirectory("isolation-bench");
    double load0 = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    double[] ms = measure(dir, init(dir), events, limits, slowEvents);
    double load1 = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    System.out.printf(
        "| healthy repository's event → run handed to the executor, beside %d changes under a"
            + " time-limited policy; %s; %d events | p50 %.1f ms · p99 %.1f ms · max %.1f ms |"
            + " load %.1f → %.1f | p99 ≤ 50 ms |%n",
        SLOW_CHANGES,
        how,
        events,
        ms[events / 2],
        ms[events * 99 / 100],
        ms[events - 1],
        load0,
        load1);
  }

  /**
   * Both bare repositories and 20 branches on the slow one.
   *
   * @return the healthy repository's feature head, then the slow branches' heads
   */
  private static List<String> init(Path dir) throws Exception {
    Files.createDirectories(dir.resolve("config"));
    Files.writeString(dir.resolve("config/ci.yaml"), CONFIG);
    String head;
    try (TestGitRepo work = TestGitRepo.init(dir.resolve("work"))) {
      work.commit("main", "main", TestGitRepo.files("app.txt", "ok\n"));
      head = work.commit("feature", "main", TestGitRepo.files("feature.txt", "new\n"));
      work.bareClone(LocalRepos.bareRepoPath(dir.resolve("repos"), HEALTHY));
      work.bareClone(LocalRepos.bareRepoPath(dir.resolve("repos"), SLOW));
    }
    List<String> heads = new ArrayList<>(List.of(head));
    heads.addAll(
        TestGitRepo.branchesOnMain(
            LocalRepos.bareRepoPath(dir.resolve("repos"), SLOW), SLOW_CHANGES));
    return heads;
  }

  private static double[] measure(
      Path dir, List<String> heads, int events, PassLimits limits, boolean slowEvents)
      throws Exception {
    String head = heads.get(0);
    Clock clock = Clock.systemUTC();
    ConfigSync sync =
        new ConfigSync(
            new DirectoryConfigSource(dir.resolve("config")),
            new ConfigLoader(new CelPolicyEngine()),
            clock);
    sync.sync();
    ConfigSnapshot snapshot = sync.current();
    LocalForgeStore store = new LocalForgeStore(dir.resolve("local-forge.json"), clock);
    for (int n = 1; n <= SLOW_CHANGES; n++) {
      store.open(
          SLOW, "slow " + n, "alice", "change-" + n, "main", false, heads.get(n), Instant.now());
    }
    LocalForge forge =
        new LocalForge(store, dir.resolve("repos"), "ci-orchestrator", clock, snapshot::repository);
    RunStore runs = new FileRunStore(dir.resolve("runs/records"));
    Map<Long, Long> handedOver = new ConcurrentHashMap<>();
    Map<Long, CountDownLatch> started = new ConcurrentHashMap<>();
    List<Long> slowEvaluations = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger budgetsSpent = new AtomicInteger();
    LoopMetrics metrics =
        new LoopMetrics() {
          @Override
          public void budgetSpent(String repo, int carried) {
            budgetsSpent.incrementAndGet();
          }

          @Override
          public void policyEvaluated(String policy, Evaluation.Verdict verdict, long nanos) {
            if (policy.equals("slow-rule")) {
              slowEvaluations.add(nanos);
            }
          }
        };
    RepoReconciler reconciler =
        new RepoReconciler(
            Map.of("local", forge),
            runs,
            new ReconcileBench.TimedExecutor(
                new ReconcileBench.InstantExecutor(runs, clock),
                handedOver,
                run -> {
                  if (run.key().repo().equals(HEALTHY)) {
                    started
                        .computeIfAbsent(run.key().change(), k -> new CountDownLatch(1))
                        .countDown();
                  }
                }),
            new FileWatermarks(dir.resolve("watermarks.json")),
            clock,
            new RunLinks("http://localhost:8080"),
            Duration.ofHours(1),
            metrics);
    ReconcileLoop loop =
        new ReconcileLoop(
            () -> snapshot, () -> {}, reconciler, clock, metrics, new LoopProgress(clock), limits);
    loop.start();
    Thread pokes = new Thread(() -> askForever(loop, store), "slow-events");
    pokes.setDaemon(true);
    if (slowEvents) {
      pokes.start();
    }
    double[] ms = new double[events];
    try {
      for (int i = 0; i < events + WARM_UP; i++) {
        long t0 = System.nanoTime();
        long n =
            store
                .open(HEALTHY, "c", "alice", "healthy-" + i, "main", false, head, Instant.now())
                .number();
        loop.request(HEALTHY);
        if (!started.computeIfAbsent(n, k -> new CountDownLatch(1)).await(120, TimeUnit.SECONDS)) {
          throw new IllegalStateException("change " + n + " never started its run");
        }
        if (i >= WARM_UP) {
          ms[i - WARM_UP] = (handedOver.get(n) - t0) / 1e6;
        }
        Thread.sleep(20); // events a little apart, as people make them
      }
    } finally {
      pokes.interrupt();
      loop.close();
    }
    Arrays.sort(ms);
    long[] evals;
    synchronized (slowEvaluations) {
      evals = slowEvaluations.stream().mapToLong(Long::longValue).sorted().toArray();
    }
    if (evals.length == 0) {
      System.out.println("slow-rule: never evaluated");
      return ms;
    }
    System.out.printf(
        "slow-rule: %d evaluations, median %.1f ms, max %.1f ms; %d passes spent their budget%n",
        evals.length,
        evals[evals.length / 2] / 1e6,
        evals[evals.length - 1] / 1e6,
        budgetsSpent.get());
    return ms;
  }

  /** Every 50 ms one of the slow changes gets a label put on or off, and its event. */
  private static void askForever(ReconcileLoop loop, LocalForgeStore store) {
    try {
      for (long tick = 0; !Thread.currentThread().isInterrupted(); tick++) {
        long n = 1 + tick % SLOW_CHANGES;
        store.label(SLOW, n, "poked", (tick / SLOW_CHANGES) % 2 == 0);
        loop.request(SLOW);
        Thread.sleep(50);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      if (!Thread.currentThread().isInterrupted()) { // an interrupted write is the bench ending
        throw new UncheckedIOException(e);
      }
    }
  }
}
