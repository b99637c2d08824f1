package dev.ciorchestrator.bench;

import dev.ciorchestrator.config.model.Job;
import dev.ciorchestrator.config.model.SourcePosition;
import dev.ciorchestrator.domain.RunKey;
import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.domain.RunState;
import dev.ciorchestrator.domain.TestRuns;
import dev.ciorchestrator.executor.RunSpec;
import dev.ciorchestrator.executor.container.ContainerLauncher;
import dev.ciorchestrator.executor.container.Podman;
import dev.ciorchestrator.executor.local.GitRepo;
import dev.ciorchestrator.executor.local.LocalExecutor;
import dev.ciorchestrator.executor.local.ProcessLauncher;
import dev.ciorchestrator.executor.process.JobSlots;
import dev.ciorchestrator.executor.process.Launcher;
import dev.ciorchestrator.executor.process.ProcessRunner;
import dev.ciorchestrator.executor.workspace.WorkspaceBuilder;
import dev.ciorchestrator.run.file.FileRunStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * What a container costs per run: one run of {@code true} after another, from {@code start} to its
 * record {@code success}, on the process executor and on the container executor (real Podman, the
 * tests' busybox image and settings). Both include building the workspace from a real repository.
 */
public final class ExecutorStartBench {
  private static final int RUNS = 40;
  private static final int WARMUP = 5;

  private ExecutorStartBench() {}

  public static void main(String[] args) throws Exception {
    Path tmp = Files.createTempDirectory("executor-bench-");
    Podman podman = Podman.require();
    String sha;
    try (GitRepo git = GitRepo.init(tmp.resolve("repo"))) {
      sha = git.write("README.md", "hello\n").commit("root");
    }
    System.out.println("| executor | runs | p50 ms | p90 ms | best ms |");
    System.out.println("|---|---|---|---|---|");
    measure("process (bash)", new ProcessLauncher(new ProcessRunner()), tmp, sha, "");
    measure(
        "container (podman, runc, busybox)",
        new ContainerLauncher(podman.engine()),
        tmp,
        sha,
        Podman.IMAGE);
    System.exit(0);
  }

  private static void measure(String what, Launcher launcher, Path tmp, String sha, String image)
      throws Exception {
    Path dir = tmp.resolve(launcher.name());
    FileRunStore store = new FileRunStore(dir.resolve("runs"));
    Map<String, CompletableFuture<RunRecord>> ends = new ConcurrentHashMap<>();
    ExecutorService pool = Executors.newCachedThreadPool();
    LocalExecutor executor =
        new LocalExecutor(
            store,
            new WorkspaceBuilder(),
            launcher,
            new JobSlots(),
            dir.resolve("work"),
            Clock.systemUTC(),
            r -> {
              if (r.state().terminal()) {
                ends.computeIfAbsent(r.id(), id -> new CompletableFuture<>()).complete(r);
              }
            },
            pool);
    Job job =
        new Job(
            "bench",
            List.of("demo/app"),
            new Job.Triggers(null, null, null, "/test bench"),
            null,
            true,
            image,
            "true",
            Map.of(),
            Duration.ofMinutes(1),
            0,
            Job.Resources.NONE,
            0,
            null,
            List.of(),
            SourcePosition.ofFile("jobs.yaml"));
    double[] ms = new double[RUNS];
    for (int i = -WARMUP; i < RUNS; i++) {
      RunRecord run =
          TestRuns.pending(
              RunKey.forPush("demo/app", "main", sha, "bench-" + (i + WARMUP)), Instant.now());
      store.create(run);
      CompletableFuture<RunRecord> end =
          ends.computeIfAbsent(run.id(), id -> new CompletableFuture<>());
      long start = System.nanoTime();
      executor.start(run, new RunSpec(job, tmp.resolve("repo"), "main", null));
      RunRecord done = end.get(60, TimeUnit.SECONDS);
      long nanos = System.nanoTime() - start;
      if (done.state() != RunState.SUCCESS) {
        throw new IllegalStateException(what + ": " + done.state() + " " + done.message());
      }
      if (i >= 0) {
        ms[i] = nanos / 1e6;
      }
    }
    pool.shutdown();
    Arrays.sort(ms);
    System.out.printf(
        "| %s | %d | %.1f | %.1f | %.1f |%n",
        what, RUNS, ms[RUNS / 2], ms[(int) (RUNS * 0.9)], ms[0]);
  }
}
