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
   * {@code needs}, round by round alternately so both see the same machine load, on CPU time of the
   * planning thread (less disturbed by other processes than wall time).
   */
  private static void compare(
      ConfigSnapshot graph,
      ConfigSnapshot flat,
      List<ChangeState> changes,
      List<RunRecord> runs,
      Instant now)
      throws Exception {
    String loadBefore = loadAverage();
    List<Double> withNeeds = new ArrayList<>();
    List<Double> without = new ArrayList<>();
    Callable<Plan> planGraph =
        PlannerBench.cpuTimed(withNeeds, () -> Planner.plan(graph, changes, runs, now));
    Callable<Plan> planFlat =
        PlannerBench.cpuTimed(without, () -> Planner.plan(flat, changes, runs, now));
    for (int round = 0; round < PlannerBench.ROUNDS * 2; round++) {
      (round % 2 == 0 ? planGraph : planFlat).call();
      (round % 2 == 0 ? planFlat : planGraph).call();
    }
    double graphMs = PlannerBench.median(withNeeds);
    double flatMs = PlannerBench.median(without);
    System.out.println(
        "| same 1,000 changes × 50 jobs | CPU median (ms) | CPU best (ms) | rounds |");
    System.out.println("|---|---|---|---|");
    System.out.printf(
        "| with the needs graph | %.1f | %.1f | %d |%n",
        graphMs, best(withNeeds), withNeeds.size());
    System.out.printf(
        "| without needs | %.1f | %.1f | %d |%n", flatMs, best(without), without.size());
    System.out.printf(
        "ratio with/without (CPU medians): %.3f (goal <= 1.10); load average before: %s, after: %s%n",
        graphMs / flatMs, loadBefore, loadAverage());
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
