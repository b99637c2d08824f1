package dev.ciorchestrator.bench;

import dev.ciorchestrator.config.loading.ConfigLoader;
import dev.ciorchestrator.config.loading.DirectoryConfigSource;
import dev.ciorchestrator.config.model.ConfigSnapshot;
import dev.ciorchestrator.config.model.LoadResult;
import dev.ciorchestrator.config.model.Repository;
import dev.ciorchestrator.domain.CommitStatus;
import dev.ciorchestrator.domain.Names;
import dev.ciorchestrator.forge.local.LocalChange;
import dev.ciorchestrator.forge.local.LocalForge;
import dev.ciorchestrator.forge.local.LocalForgeStore;
import dev.ciorchestrator.forge.local.LocalRepos;
import dev.ciorchestrator.forge.local.TestGitRepo;
import dev.ciorchestrator.persist.FileQueueStore;
import dev.ciorchestrator.policy.cel.CelPolicyEngine;
import dev.ciorchestrator.reconcile.GateListener;
import dev.ciorchestrator.reconcile.LoopMetrics;
import dev.ciorchestrator.reconcile.PlanRules;
import dev.ciorchestrator.reconcile.RepoReconciler;
import dev.ciorchestrator.reconcile.queue.QueueMetrics;
import dev.ciorchestrator.reconcile.queue.QueueReconciler;
import dev.ciorchestrator.report.RunLinks;
import dev.ciorchestrator.run.RunStore;
import dev.ciorchestrator.run.file.FileRunStore;
import dev.ciorchestrator.run.file.FileWatermarks;
import dev.ciorchestrator.testing.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * Merge queue throughput on the embedded forge, docs/benchmarks.md: 60 changes opened at once, 5 %
 * of them culprits (each passes its own job, and breaks any batch it is in), each job taking 10
 * simulated minutes. The queue, the forge and Git are real (batch commits are real merges under
 * {@code refs/ci-orchestrator/queue/main/<n>}, green batches real merges into main); only the job
 * is simulated by {@link SimulatedJobs}, on a clock that moves one minute per reconcile pass.
 */
public final class QueueThroughputBench {
  static final String REPO = "acme/app";
  static final int CHANGES = 60;
  static final double FAILURE_RATE = 0.05;
  static final Duration JOB = Duration.ofMinutes(10);
  static final Duration PASS = Duration.ofMinutes(1);

  private QueueThroughputBench() {}

  record Outcome(
      int batch, int merged, int rejected, Duration simulated, int batches, double wallSeconds) {
    double perHour() {
      return merged * 3600.0 / simulated.toSeconds();
    }

    String line() {
      return String.format(
          "| %d | %d | %d | %.1f | %.1f | %d | %.1f |",
          batch, merged, rejected, simulated.toMinutes() / 60.0, perHour(), batches, wallSeconds);
    }
  }

  public static void main(String[] args) throws Exception {
    Set<Long> culprits = culprits(new Random(17));
    System.out.println(
        CHANGES + " changes, culprits " + culprits + ", job " + JOB.toMinutes() + " min");
    System.out.println(
        "| maxBatch | merged | rejected | simulated hours | merged per hour | batches | wall (s) |");
    System.out.println("|---|---|---|---|---|---|---|");
    for (int batch : new int[] {1, 2, 4, 8}) {
      System.out.println(run(batch, culprits).line());
    }
  }

  /** {@value #FAILURE_RATE} of the changes, drawn once so every batch size sees the same ones. */
  static Set<Long> culprits(Random random) {
    Set<Long> out = new TreeSet<>();
    while (out.size() < Math.round(CHANGES * FAILURE_RATE)) {
      out.add(1 + (long) random.nextInt(CHANGES));
    }
    return out;
  }

  static Outcome run(int maxBatch, Set<Long> culprits) throws Exception {
    long wallStart = System.nanoTime();
    Path dir = Files.createTempDirectory("ci-bench-queue");
    MutableClock clock = new MutableClock(Instant.parse("2026-12-01T09:00:00Z"));
    ConfigSnapshot snapshot = config(dir.resolve("config"), maxBatch);
    Repository repository = snapshot.repository(REPO).orElseThrow();
    try (TestGitRepo work = TestGitRepo.init(dir.resolve("work"))) {
      work.commit("main", "main", TestGitRepo.files("README.md", "app\n"));
      Path bare = work.bareClone(LocalRepos.bareRepoPath(dir.resolve("repos"), REPO));
      LocalForgeStore store = new LocalForgeStore(dir.resolve("forge.json"), clock);
      LocalForge forge =
          new LocalForge(
              store, dir.resolve("repos"), "ci-orchestrator", clock, snapshot::repository);
      RunStore runs = new FileRunStore(dir.resolve("runs"));
      try (SimulatedJobs jobs = new SimulatedJobs(runs, clock, bare, JOB)) {
        RepoReconciler reconciler =
            new RepoReconciler(
                Map.of("local", forge),
                runs,
                jobs,
                new FileWatermarks(dir.resolve("watermarks.json")),
                clock,
                new RunLinks("http://ci.test"),
                Duration.ofMinutes(5),
                LoopMetrics.NONE,
                GateListener.NONE,
                PlanRules.DEFAULT,
                new dev.ciorchestrator.reconcile.ChangeBoard(),
                List.of(
                    new QueueReconciler(
                        new FileQueueStore(dir.resolve("queue.json")),
                        LoopMetrics.NONE,
                        QueueMetrics.NONE)));
        for (long n = 1; n <= CHANGES; n++) {
          String content = culprits.contains(n) ? SimulatedJobs.CULPRIT : "ok\n";
          String head =
              work.commit("c" + n, "main", TestGitRepo.files("feat-" + n + ".txt", content));
          work.push(bare, "c" + n);
          store.open(REPO, "Change " + n, "alice", "c" + n, "main", false, head, clock.instant());
        }
        Instant start = clock.instant();
        int merged = 0;
        int rejected = 0;
        for (int pass = 0; merged + rejected < CHANGES; pass++) {
          if (pass > 20_000) {
            throw new IllegalStateException("queue did not drain: " + merged + " merged");
          }
          reconciler.reconcile(snapshot, repository);
          jobs.finishDue();
          for (LocalChange c : new ArrayList<>(store.open(REPO))) {
            CommitStatus queue = store.statuses(REPO, c.headSha()).get(Names.QUEUE_CONTEXT);
            if (queue != null && queue.state() == CommitStatus.State.FAILURE) {
              store.close(REPO, c.number()); // its author takes it away to fix it
            }
          }
          merged = count(store, LocalChange.State.MERGED);
          rejected = CHANGES - merged - store.open(REPO).size();
          clock.advance(PASS);
        }
        Duration simulated = Duration.between(start, clock.instant());
        return new Outcome(
            maxBatch,
            merged,
            rejected,
            simulated,
            jobs.batches(),
            (System.nanoTime() - wallStart) / 1e9);
      }
    }
  }

  private static int count(LocalForgeStore store, LocalChange.State state) {
    return (int) store.all(REPO).stream().filter(c -> c.state() == state).count();
  }

  private static ConfigSnapshot config(Path dir, int maxBatch) throws Exception {
    Files.createDirectories(dir);
    Files.writeString(
        dir.resolve("ci.yaml"),
        """
        apiVersion: ci-orchestrator/v1
        kind: Repository
        name: acme/app
        forge: local
        defaultBranch: main
        merge: {auto: true, method: merge, queue: {maxBatch: %d}}
        trust: {users: [alice]}
        ---
        apiVersion: ci-orchestrator/v1
        kind: Job
        name: check
        repos: [acme/app]
        triggers: {pullRequest: {branches: [main]}}
        run: "true"
        """
            .formatted(maxBatch));
    DirectoryConfigSource source = new DirectoryConfigSource(dir);
    LoadResult result =
        new ConfigLoader(new CelPolicyEngine()).load(source.resolve(), source.read(null));
    if (result instanceof LoadResult.Loaded loaded) {
      return loaded.snapshot();
    }
    throw new IllegalStateException("benchmark config is invalid: " + result);
  }
}
