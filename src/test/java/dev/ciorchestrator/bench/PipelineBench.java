package dev.ciorchestrator.bench;

import dev.ciorchestrator.config.model.ConfigSnapshot;
import dev.ciorchestrator.domain.Change;
import dev.ciorchestrator.domain.ChangeState;
import dev.ciorchestrator.domain.RunKey;
import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.domain.RunState;
import dev.ciorchestrator.domain.Trigger;
import dev.ciorchestrator.reconcile.Plan;
import dev.ciorchestrator.reconcile.Planner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Planning cost of a 50-job pipeline per change (docs/benchmarks.md): 1,000 open changes of one
 * repository whose 50 jobs form five layers of ten, each job needing two of the layer above. The
 * changes stand at every depth of the graph: change n has the first {@code n % 6} layers passed, so
 * a plan mixes waiting, starting and (every seventh change) skipped jobs below a failure.
 */
public final class PipelineBench {
  static final int CHANGES = 1_000;
  static final int LAYERS = 5;
  static final int WIDTH = 10;
  static final int BATCH = Integer.getInteger("bench.batch", 10);

  private PipelineBench() {}

  public static void main(String[] args) throws Exception {
    ConfigSnapshot snapshot = snapshot(true);
    Instant now = Instant.parse("2026-12-03T12:00:00Z");
    List<ChangeState> changes = new ArrayList<>(CHANGES);
    List<RunRecord> runs = new ArrayList<>();
    for (int n = 1; n <= CHANGES; n++) {
      Change change =
          new Change(
              "org/pipe",
              n,
              "change " + n,
              "alice",
              false,
              List.of(),
              List.of("bob"),
              "main",
              "base" + n,
              "topic-" + n,
              "head" + n,
              List.of("src/main.c"),
              true,
              now,
              now);
      changes.add(new ChangeState(change, false, List.of()));
      int passed = n % (LAYERS + 1);
      for (int layer = 0; layer < passed; layer++) {
        for (int i = 0; i < WIDTH; i++) {
          boolean fails = n % 7 == 0 && layer == passed - 1 && i == 0;
          RunKey key = RunKey.forChange("org/pipe", n, "head" + n, name(layer, i), 1);
          Instant queued = now.plusSeconds(layer);
          runs.add(
              new RunRecord(
                  key,
                  fails ? RunState.FAILURE : RunState.SUCCESS,
                  Trigger.PULL_REQUEST,
                  "alice",
                  "",
                  "base" + n,
                  snapshot.revision(),
                  queued,
                  queued,
                  queued,
                  ""));
        }
      }
    }
    PlannerBench.timePlans(
        "plan 1,000 changes × a 50-job graph (" + runs.size() + " run records)",
        "—",
        snapshot,
        changes,
        runs,
        now);
    compare(snapshot, snapshot(false), changes, runs, now);
  }

  /**
   * The graph's own cost: the same 50 jobs, changes and run records planned with and without their
   * {@code needs}, sample by sample alternately so both see the same machine load. A sample is
   * {@link #BATCH} plans in a row, timed on the wall clock and on the process's CPU time (plans of
   * 1,000 changes run on the planner's pool, so the planning thread alone would miss most of it;
   * the process clock ticks in 10 ms, which a batch of plans makes small against the sample).
   */
  private static void compare(
      ConfigSnapshot graph,
      ConfigSnapshot flat,
      List<ChangeState> changes,
      List<RunRecord> runs,
      Instant now)
      throws Exception {
    String loadBefore = loadAverage();
    Samples withNeeds = new Samples();
    Samples without = new Samples();
    for (int round = 0; round < PlannerBench.ROUNDS * 2; round++) {
      boolean graphFirst = round % 2 == 0;
      (graphFirst ? withNeeds : without).take(graphFirst ? graph : flat, changes, runs, now);
      (graphFirst ? without : withNeeds).take(graphFirst ? flat : graph, changes, runs, now);
    }
    System.out.printf(
        "| same 1,000 changes × 50 jobs, per plan (samples of %d plans) | wall median / best (ms)"
            + " | CPU median / best (ms) | samples |%n",
        BATCH);
    System.out.println("|---|---|---|---|");
    withNeeds.print("with the needs graph");
    without.print("without needs");
    System.out.printf(
        "ratio with/without: wall medians %.3f, CPU medians %.3f (goal <= 1.10); load average"
            + " before: %s, after: %s%n",
        PlannerBench.median(withNeeds.wall) / PlannerBench.median(without.wall),
        PlannerBench.median(withNeeds.cpu) / PlannerBench.median(without.cpu),
        loadBefore,
        loadAverage());
  }

  /** Per-plan wall and CPU times, each the mean of one batch. */
  private static final class Samples {
    final List<Double> wall = new ArrayList<>();
    final List<Double> cpu = new ArrayList<>();

    void take(ConfigSnapshot snapshot, List<ChangeState> changes, List<RunRecord> runs, Instant now)
        throws Exception {
      List<Double> cpuOfBatch = new ArrayList<>();
      Callable<Plan> batch =
          PlannerBench.cpuTimed(
              cpuOfBatch,
              () -> {
                Plan last = null;
                for (int i = 0; i < BATCH; i++) {
                  last = Planner.plan(snapshot, changes, runs, now);
                }
                return last;
              });
      long start = System.nanoTime();
      batch.call();
      wall.add((System.nanoTime() - start) / 1e6 / BATCH);
      cpu.add(cpuOfBatch.get(0) / BATCH);
    }

    void print(String label) {
      System.out.printf(
          "| %s | %.2f / %.2f | %.2f / %.2f | %d |%n",
          label,
          PlannerBench.median(wall),
          best(wall),
          PlannerBench.median(cpu),
          best(cpu),
          wall.size());
    }
  }

  private static double best(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
  }

  private static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return fields[0] + " " + fields[1] + " " + fields[2];
    } catch (java.io.IOException e) {
      return "unknown (" + e.getMessage() + ")";
    }
  }

  static String name(int layer, int i) {
    return "step-" + layer + "-" + i;
  }

  /** The 50 jobs, with their {@code needs} or with none. */
  private static ConfigSnapshot snapshot(boolean needed) throws Exception {
    Path dir = Files.createTempDirectory("ci-bench-pipeline");
    StringBuilder yaml =
        new StringBuilder(
            """
            apiVersion: ci-orchestrator/v1
            kind: Repository
            name: org/pipe
            forge: local
            trust: {users: [alice]}
            """);
    for (int layer = 0; layer < LAYERS; layer++) {
      for (int i = 0; i < WIDTH; i++) {
        String needs =
            layer == 0 || !needed
                ? "[]"
                : "[" + name(layer - 1, i) + ", " + name(layer - 1, (i + 1) % WIDTH) + "]";
        yaml.append(
            """
            ---
            apiVersion: ci-orchestrator/v1
            kind: Job
            name: %s
            repos: [org/pipe]
            needs: %s
            run: make
            """
                .formatted(name(layer, i), needs));
      }
    }
    Files.writeString(dir.resolve("ci.yaml"), yaml);
    return PlannerBench.load(dir);
  }
}
