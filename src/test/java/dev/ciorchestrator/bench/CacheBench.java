package dev.ciorchestrator.bench;

import dev.ciorchestrator.cache.CacheEvents;
import dev.ciorchestrator.cache.CacheService;
import dev.ciorchestrator.cache.CacheStore;
import dev.ciorchestrator.cache.Eviction;
import dev.ciorchestrator.config.model.Job;
import dev.ciorchestrator.config.model.JobQuality;
import dev.ciorchestrator.config.model.Pipeline;
import dev.ciorchestrator.config.model.SourcePosition;
import dev.ciorchestrator.domain.RunKey;
import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.domain.RunState;
import dev.ciorchestrator.domain.TestRuns;
import dev.ciorchestrator.executor.RunSpec;
import dev.ciorchestrator.executor.local.GitRepo;
import dev.ciorchestrator.executor.local.LocalExecutor;
import dev.ciorchestrator.executor.local.ProcessLauncher;
import dev.ciorchestrator.executor.process.JobSlots;
import dev.ciorchestrator.executor.process.ProcessRunner;
import dev.ciorchestrator.executor.workspace.WorkspaceBuilder;
import dev.ciorchestrator.quality.QualityHooks;
import dev.ciorchestrator.reports.ReportLimits;
import dev.ciorchestrator.reports.ReportReader;
import dev.ciorchestrator.reports.ReportStore;
import dev.ciorchestrator.run.file.FileRunStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

/**
 * A job run cold (empty cache) and then warm (the cache the first run saved), on the process
 * executor with its real cache hooks, from {@code start} to the record's {@code success}: {@code go
 * test} of examples/hello-go with {@code GOCACHE} cached, and {@code make test} of examples/hello-c
 * through ccache with {@code CCACHE_DIR} cached. Also the script's own build step, timed inside it.
 * Needs go and ccache (the bench fails naming the one missing).
 */
public final class CacheBench {
  private CacheBench() {}

  private record Case(String name, Path example, String script, String env, List<String> key) {}

  public static void main(String[] args) throws Exception {
    Path tmp = Files.createTempDirectory("cache-bench");
    List<Case> cases =
        List.of(
            new Case(
                "go test (GOCACHE)",
                Path.of("examples/hello-go"),
                "t0=$(date +%s%N); go test ./...; echo $(( $(date +%s%N) - t0 )) > \"$STEP\"",
                "GOCACHE",
                List.of("go.sum", "go.mod")),
            new Case(
                "make test, ccache (CCACHE_DIR)",
                Path.of("examples/hello-c"),
                // the workspace's path differs per run: without these, -g puts it in every hash
                "export CCACHE_BASEDIR=\"$PWD\" CCACHE_NOHASHDIR=1; t0=$(date +%s%N);"
                    + " make CC='ccache gcc' test;"
                    + " echo $(( $(date +%s%N) - t0 )) > \"$STEP\"",
                "CCACHE_DIR",
                List.of("Makefile")));
    System.out.println(
        "| job | cold run | warm run | ratio | cold step | warm step | step ratio |");
    System.out.println("|---|---|---|---|---|---|---|");
    ExecutorService pool = Executors.newCachedThreadPool();
    try {
      for (Case c : cases) {
        measure(tmp.resolve(c.name().replaceAll("[^a-z]", "")), c, pool);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static void measure(Path dir, Case c, ExecutorService pool) throws Exception {
    GitRepo git = GitRepo.init(dir.resolve("repo"));
    try (Stream<Path> files = Files.walk(c.example())) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        git.write(c.example().relativize(f).toString(), Files.readString(f));
      }
    }
    String sha = git.commit("example");
    Clock clock = Clock.systemUTC();
    CacheStore store = new CacheStore(dir.resolve("caches"), clock);
    CacheService caches =
        new CacheService(
            store, new Eviction(store, clock), CacheEvents.NONE, 1L << 32, Duration.ofDays(1));
    FileRunStore records = new FileRunStore(dir.resolve("records"));
    Map<String, String> base = Map.of("PATH", System.getenv("PATH"), "HOME", dir.toString());
    LocalExecutor executor =
        new LocalExecutor(
                records,
                new WorkspaceBuilder(),
                new ProcessLauncher(new ProcessRunner("bash", base, Duration.ofMillis(300))),
                new JobSlots(),
                dir.resolve("work"),
                clock,
                r -> {},
                pool)
            .withHooks(
                new QualityHooks(
                    caches,
                    new ReportReader(ReportLimits.DEFAULT),
                    new ReportStore(dir.resolve("reports")),
                    dir.resolve("in-flight")))
            .open();
    try {
      long[] cold = run(executor, records, git, sha, c, "cold", dir);
      long[] warm = run(executor, records, git, sha, c, "warm", dir);
      System.out.printf(
          "| %s | %.2f s | %.2f s | %.1f× | %.2f s | %.2f s | %.1f× |%n",
          c.name(),
          cold[0] / 1e9,
          warm[0] / 1e9,
          (double) cold[0] / warm[0],
          cold[1] / 1e9,
          warm[1] / 1e9,
          (double) cold[1] / warm[1]);
    } finally {
      executor.close();
      git.close();
    }
  }

  /** One run; returns its time from start to success and its script's build step, in ns. */
  private static long[] run(
      LocalExecutor executor,
      FileRunStore records,
      GitRepo git,
      String sha,
      Case c,
      String name,
      Path dir)
      throws Exception {
    Path step = dir.resolve(name + ".step");
    Job job = job(name, c, step);
    RunRecord run =
        TestRuns.pending(RunKey.forPush("bench/cache", "main", sha, name), Instant.now());
    records.create(run);
    long t0 = System.nanoTime();
    executor.start(run, new RunSpec(job, git.dir(), "main", null));
    long deadline = t0 + Duration.ofMinutes(10).toNanos();
    RunRecord now = run;
    while (!now.state().terminal()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(name + " did not end: " + now);
      }
      Thread.sleep(5);
      now = records.get(run.id()).orElseThrow();
    }
    long elapsed = System.nanoTime() - t0;
    if (now.state() != RunState.SUCCESS) {
      throw new AssertionError(
          c.name()
              + " "
              + name
              + " ended "
              + now.state().wire()
              + ": "
              + now.message()
              + "\n"
              + Files.readString(executor.logFile(run.id())));
    }
    return new long[] {elapsed, Long.parseLong(Files.readString(step).trim())};
  }

  private static Job job(String name, Case c, Path step) {
    return new Job(
        name,
        List.of("bench/cache"),
        new Job.Triggers(null, new Job.PushTrigger(List.of()), null, "/test " + name),
        null,
        false,
        null,
        c.script(),
        Map.of("STEP", step.toString(), "GOFLAGS", "-mod=mod"),
        Duration.ofMinutes(10),
        0,
        Job.Resources.NONE,
        0,
        null,
        List.of(),
        new JobQuality(
            JobQuality.Tier.UNIT,
            JobQuality.Reports.NONE,
            List.of(new JobQuality.Cache("build", "", c.env(), c.key()))),
        Pipeline.NONE,
        SourcePosition.ofFile("bench.yaml"),
        null);
  }
}
