package dev.ciorchestrator.bench;

import com.sun.management.OperatingSystemMXBean;
import dev.ciorchestrator.config.loading.ConfigLoader;
import dev.ciorchestrator.config.loading.DirectoryConfigSource;
import dev.ciorchestrator.config.model.ConfigSnapshot;
import dev.ciorchestrator.config.model.LoadResult;
import dev.ciorchestrator.domain.Change;
import dev.ciorchestrator.domain.ChangeState;
import dev.ciorchestrator.domain.RunKey;
import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.domain.RunState;
import dev.ciorchestrator.domain.Trigger;
import dev.ciorchestrator.policy.cel.CelPolicyEngine;
import dev.ciorchestrator.reconcile.ExpressionMemo;
import dev.ciorchestrator.reconcile.ExtraGates;
import dev.ciorchestrator.reconcile.Plan;
import dev.ciorchestrator.reconcile.PlanRules;
import dev.ciorchestrator.reconcile.Planner;
import dev.ciorchestrator.reconcile.PolicyMemo;
import dev.ciorchestrator.reconcile.PolicyObserver;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Planner benchmark of docs/benchmarks.md: 10,000 open changes over 20 repositories with 50 jobs
 * each (1,000 jobs) and the example's four gate policies; half the changes already have a run of
 * every job on their head SHA, so the plan mixes starts, no-ops and gate evaluations.
 */
public final class PlannerBench {
  static final int CHANGES = 10_000;

  /** Rounds per row: {@code -Dbench.rounds=N} shortens a run on a busy machine. */
  static final int ROUNDS = Integer.getInteger("bench.rounds", 11);

  private PlannerBench() {}

  /** What the planner is given: the config, the open changes, their runs, and the time. */
  record Inputs(
      ConfigSnapshot snapshot, List<ChangeState> changes, List<RunRecord> runs, Instant now) {}

  /**
   * 10,000 open changes over 20 repositories with 50 jobs each; half the changes already have a
   * successful run of every job on their head SHA.
   */
  static Inputs inputs() throws Exception {
    ConfigSnapshot snapshot = snapshot();
    Instant now = Instant.parse("2026-11-25T12:00:00Z");
    return new Inputs(snapshot, changes(now), runs(snapshot, now), now);
  }

  public static void main(String[] args) throws Exception {
    Inputs in = inputs();
    timePlans(
        "plan 10,000 changes × 50 jobs (" + in.runs().size() + " run records)",
        "≤ 1000 ms",
        in.snapshot(),
        in.changes(),
        in.runs(),
        in.now());
    // The same without the two issue-18 shortcuts that depend on the inputs' shape and the
    // machine: what one thread evaluating every expression costs.
    Stopwatch.Result bare =
        Stopwatch.time(
            "same, one thread, every expression evaluated (no expression memo)",
            ROUNDS,
            () ->
                Planner.plan(
                    in.snapshot(),
                    in.changes(),
                    in.runs(),
                    in.now(),
                    new Planner.Options(
                        PolicyObserver.NONE,
                        PlanRules.DEFAULT,
                        ExtraGates.NONE,
                        PolicyMemo.none(),
                        false,
                        ExpressionMemo.none())));
    System.out.println(bare.line("—"));
    replanOneMoved(in);
  }

  /**
   * A re-plan after one change moved (its head went on): RepoReconciler's memo of unchanged inputs
   * hands the planner only the changes that moved, with their runs. Both halves of the changes, the
   * one with runs and the one without, are moved in turn.
   */
  static void replanOneMoved(Inputs in) throws Exception {
    List<ChangeState> moved = new ArrayList<>();
    for (int n : new int[] {4_242, 4_243}) {
      ChangeState was = in.changes().get(n - 1);
      Change c = was.change();
      moved.add(
          new ChangeState(
              new Change(
                  c.repo(),
                  c.number(),
                  c.title(),
                  c.author(),
                  c.draft(),
                  c.labels(),
                  c.approvals(),
                  c.baseRef(),
                  c.baseSha(),
                  c.headRef(),
                  "moved" + n,
                  c.files(),
                  c.mergeable(),
                  c.createdAt(),
                  in.now()),
              was.okToTest(),
              was.requests()));
    }
    List<RunRecord> own =
        in.runs().stream()
            .filter(r -> r.key().change() == 4_242 || r.key().change() == 4_243)
            .toList();
    List<Double> cpu = new ArrayList<>();
    Stopwatch.Result result =
        Stopwatch.time(
            "re-plan after one change moved (the moved change and its runs, 2 changes alternately)",
            ROUNDS * 20,
            threadCpuTimed(
                cpu,
                new Callable<Plan>() {
                  private int i;

                  @Override
                  public Plan call() {
                    ChangeState state = moved.get(i++ % 2);
                    long number = state.change().number();
                    List<RunRecord> runs =
                        own.stream().filter(r -> r.key().change() == number).toList();
                    return Planner.plan(in.snapshot(), List.of(state), runs, in.now());
                  }
                }));
    System.out.println(result.line("≤ 20 ms") + String.format(" %.1f |", median(cpu)));
  }

  /**
   * Plans {@code changes} {@link #ROUNDS} times and prints the result table. The last column is the
   * planning thread's median CPU time per round: on a machine shared with other builds it moves far
   * less than the wall time, so it is what compares two builds measured at different loads.
   */
  static void timePlans(
      String what,
      String goal,
      ConfigSnapshot snapshot,
      List<ChangeState> changes,
      List<RunRecord> runs,
      Instant now)
      throws Exception {
    int[] actions = new int[1];
    List<Double> cpu = new ArrayList<>();
    Stopwatch.Result result =
        Stopwatch.time(
            what,
            ROUNDS,
            cpuTimed(
                cpu,
                () -> {
                  Plan plan = Planner.plan(snapshot, changes, runs, now);
                  actions[0] = plan.actions().size();
                  return plan;
                }));
    System.out.println(
        "| benchmark | first (ms) | median (ms) | best (ms) | rounds | goal | CPU median (ms) |");
    System.out.println("|---|---|---|---|---|---|---|");
    System.out.println(result.line(goal) + String.format(" %.1f |", median(cpu)));
    System.out.println("actions per plan: " + actions[0]);
  }

  /** The calling thread's CPU time: a plan of one change stays on it. */
  private static <T> Callable<T> threadCpuTimed(List<Double> cpu, Callable<T> work) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    return () -> {
      long start = threads.getCurrentThreadCpuTime();
      T result = work.call();
      cpu.add((threads.getCurrentThreadCpuTime() - start) / 1e6);
      return result;
    };
  }

  /**
   * The process's CPU time, not the calling thread's: a large plan runs on the planner's pool. It
   * includes the JIT compiler's and the garbage collector's threads, so it is a little above what
   * planning alone costs.
   */
  static <T> Callable<T> cpuTimed(List<Double> cpu, Callable<T> work) {
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    return () -> {
      long start = os.getProcessCpuTime();
      T result = work.call();
      cpu.add((os.getProcessCpuTime() - start) / 1e6);
      return result;
    };
  }

  static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    return sorted.get(sorted.size() / 2);
  }

  private static ConfigSnapshot snapshot() throws Exception {
    Path dir = Files.createTempDirectory("ci-bench-planner");
    write(dir);
    return load(dir);
  }

  /** The planner's config: 1,000 jobs and the four policies. */
  static void write(Path dir) throws Exception {
    BenchConfigs.write(dir, 1000, 0);
    Files.writeString(dir.resolve("policies/gate.yaml"), GATE);
  }

  /** The config folder {@code dir}, loaded as the service would; a bench config must be valid. */
  static ConfigSnapshot load(Path dir) throws Exception {
    DirectoryConfigSource source = new DirectoryConfigSource(dir);
    LoadResult result =
        new ConfigLoader(new CelPolicyEngine()).load(source.resolve(), source.read(null));
    if (result instanceof LoadResult.Loaded loaded) {
      return loaded.snapshot();
    }
    throw new IllegalStateException("benchmark config is invalid: " + result);
  }

  static final String GATE =
      """
      apiVersion: ci-orchestrator/v1
      kind: Policy
      name: approvals
      type: gate
      rule: "size(change.approvals) >= 1"
      message: "'needs 1 approval, has ' + string(size(change.approvals))"
      ---
      apiVersion: ci-orchestrator/v1
      kind: Policy
      name: required-jobs-green
      type: gate
      rule: "jobs.all(j, !jobs[j].required || jobs[j].status == 'success')"
      ---
      apiVersion: ci-orchestrator/v1
      kind: Policy
      name: no-hold
      type: gate
      rule: "!('hold' in change.labels)"
      ---
      apiVersion: ci-orchestrator/v1
      kind: Policy
      name: trusted-authors
      type: trust
      rule: "change.author in ['alice', 'bob']"
      """;

  /** 10,000 open changes over the 20 repositories, a third of them by an untrusted author. */
  static List<ChangeState> changes(Instant now) {
    List<ChangeState> changes = new ArrayList<>(CHANGES);
    for (int n = 1; n <= CHANGES; n++) {
      String repo = "org/repo-" + (n % BenchConfigs.REPOS);
      Change change =
          new Change(
              repo,
              n,
              "change " + n,
              n % 3 == 0 ? "mallory" : "alice",
              false,
              List.of(),
              List.of("bob"),
              "main",
              "base" + n,
              "topic-" + n,
              "head" + n,
              List.of("src/main.go", "pkg-" + n % 1000 + "/x.go", "docs/readme.md"),
              true,
              now,
              now);
      changes.add(new ChangeState(change, false, List.of()));
    }
    return changes;
  }

  /** A successful run of every job of its repository on the head of every second change. */
  static List<RunRecord> runs(ConfigSnapshot snapshot, Instant now) {
    List<RunRecord> runs = new ArrayList<>();
    for (int n = 2; n <= CHANGES; n += 2) {
      String repo = "org/repo-" + (n % BenchConfigs.REPOS);
      for (var job : snapshot.jobs()) {
        if (job.repos().contains(repo)) {
          RunKey key = RunKey.forChange(repo, n, "head" + n, job.name(), 1);
          runs.add(
              new RunRecord(
                  key,
                  RunState.SUCCESS,
                  Trigger.PULL_REQUEST,
                  "alice",
                  "",
                  "base" + n,
                  snapshot.revision(),
                  now,
                  now,
                  now,
                  ""));
        }
      }
    }
    return runs;
  }
}
