package dev.ciorchestrator.bench;

import dev.ciorchestrator.config.model.Job;
import dev.ciorchestrator.config.model.JobQuality;
import dev.ciorchestrator.config.model.Pipeline;
import dev.ciorchestrator.config.model.SourcePosition;
import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.domain.RunState;
import dev.ciorchestrator.executor.local.ProcessLauncher;
import dev.ciorchestrator.executor.process.ProcessRunner;
import dev.ciorchestrator.quality.QualityRuns;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

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
    for (Case c : cases) {
      measure(tmp.resolve(c.name().replaceAll("[^a-z]", "")), c);
    }
  }

  private static void measure(Path dir, Case c) throws Exception {
    Map<String, String> base = Map.of("PATH", System.getenv("PATH"), "HOME", dir.toString());
    ProcessLauncher bash =
        new ProcessLauncher(new ProcessRunner("bash", base, Duration.ofMillis(300)));
    try (QualityRuns runs = new QualityRuns(dir, bash, c.example())) {
      long[] cold = run(runs, c, "cold", dir);
      long[] warm = run(runs, c, "warm", dir);
      System.out.printf(
          "| %s | %.2f s | %.2f s | %.1f× | %.2f s | %.2f s | %.1f× |%n",
          c.name(),
          cold[0] / 1e9,
          warm[0] / 1e9,
          (double) cold[0] / warm[0],
          cold[1] / 1e9,
          warm[1] / 1e9,
          (double) cold[1] / warm[1]);
    }
  }

  /** One run; returns its time from start to success and its script's build step, in ns. */
  private static long[] run(QualityRuns runs, Case c, String name, Path dir) throws Exception {
    Path step = dir.resolve(name + ".step");
    long t0 = System.nanoTime();
    RunRecord run = runs.push(job(name, c, step), name);
    long elapsed = System.nanoTime() - t0;
    if (run.state() != RunState.SUCCESS) {
      throw new AssertionError(
          c.name()
              + " "
              + name
              + " ended "
              + run.state().wire()
              + ": "
              + run.message()
              + "\n"
              + runs.log(run));
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
