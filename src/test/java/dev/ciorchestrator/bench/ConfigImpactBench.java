package dev.ciorchestrator.bench;

import dev.ciorchestrator.config.diff.ConfigDiff;
import dev.ciorchestrator.config.diff.ConfigDiffer;
import dev.ciorchestrator.config.diff.Relaxations;
import dev.ciorchestrator.config.model.ConfigSnapshot;
import dev.ciorchestrator.domain.ChangeState;
import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.reconcile.impact.HeadRuns;
import dev.ciorchestrator.reconcile.impact.Impact;
import dev.ciorchestrator.reconcile.impact.ImpactDryRun;
import dev.ciorchestrator.reconcile.impact.PlanMemo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The review of a config change, docs/benchmarks.md: effective diff, relaxations and the impact dry
 * run (the pure planner twice) over {@link PlannerBench}'s 1,000 jobs and 10,000 open changes, for
 * three changes: one repository's trust list (its 500 changes planned), one job file of 20 jobs
 * spread over every repository, and the approvals gate of every repository. Each first from nothing
 * (both configs planned), then as a later review against the same running config is (its plans kept
 * in a {@link PlanMemo}, only the changed config planned).
 */
public final class ConfigImpactBench {
  private ConfigImpactBench() {}

  private record Case(String what, String file, String from, String to) {}

  public static void main(String[] args) throws Exception {
    Path dir = Files.createTempDirectory("ci-bench-impact");
    PlannerBench.write(dir);
    ConfigSnapshot before = PlannerBench.load(dir);
    Instant now = Instant.parse("2026-11-25T12:00:00Z");
    List<ChangeState> changes = PlannerBench.changes(now);
    List<RunRecord> runs = PlannerBench.runs(before, now);
    List<Case> cases =
        List.of(
            new Case(
                "one repository's trust list",
                "repos.yaml",
                "name: org/repo-3\n"
                    + "forge: local\n"
                    + "defaultBranch: main\n"
                    + "merge: {auto: true, method: squash}\n"
                    + "trust: {users: [alice, bob]}",
                "name: org/repo-3\n"
                    + "forge: local\n"
                    + "defaultBranch: main\n"
                    + "merge: {auto: true, method: squash}\n"
                    + "trust: {users: [alice, bob, eve]}"),
            new Case(
                "20 jobs' scripts (one file, every repository)",
                "jobs/jobs-7.yaml",
                BenchConfigs.jobFile(7, 1000 / BenchConfigs.JOB_FILES, 0),
                BenchConfigs.jobFile(7, 1000 / BenchConfigs.JOB_FILES, 1)),
            new Case(
                "the approvals gate of every repository (1 → 2)",
                "policies/gate.yaml",
                "size(change.approvals) >= 1\"",
                "size(change.approvals) >= 2\""));
    List<String> lines = new ArrayList<>();
    for (Case c : cases) {
      Path file = dir.resolve(c.file());
      String original = Files.readString(file);
      if (!original.contains(c.from())) {
        throw new IllegalStateException(c.what() + ": " + c.file() + " lacks the text to change");
      }
      Files.writeString(file, original.replace(c.from(), c.to()));
      ConfigSnapshot after = PlannerBench.load(dir);
      Files.writeString(file, original);
      Impact[] last = new Impact[1];
      Stopwatch.Result result =
          Stopwatch.time(
              "diff + impact: " + c.what(),
              5,
              () -> {
                ConfigDiff diff = ConfigDiffer.diff(before, after);
                Relaxations.of(before, after, diff);
                last[0] = ImpactDryRun.compare(before, after, changes, runs, now);
                return last[0];
              });
      // a second review against the same running config: its plans are kept (PlanMemo)
      PlanMemo running = new PlanMemo(before, HeadRuns.index(changes, runs), now);
      ImpactDryRun.compare(running, after, changes);
      Stopwatch.Result warm =
          Stopwatch.time(
              "impact, running plans kept: " + c.what(),
              5,
              () -> ImpactDryRun.compare(running, after, changes));
      Stopwatch.Result diffOnly =
          Stopwatch.time(
              "diff + relaxations only: " + c.what(),
              5,
              () -> Relaxations.of(before, after, ConfigDiffer.diff(before, after)));
      lines.add(diffOnly.line(""));
      lines.add(
          result.line("")
              + " planned "
              + last[0].planned()
              + " of "
              + last[0].changes()
              + ", "
              + last[0].flips().size()
              + " gate flips, "
              + last[0].dues().size()
              + " due shifts");
      lines.add(warm.line(""));
    }
    // the same planner once over the same changes, measured now: the machine's load moves both
    lines.add(
        Stopwatch.time(
                "reference: plan the 10,000 changes once (PlannerBench's plan)",
                5,
                () -> dev.ciorchestrator.reconcile.Planner.plan(before, changes, runs, now))
            .line(""));
    System.out.println("| benchmark | first (ms) | median (ms) | best (ms) | rounds | goal |");
    System.out.println("|---|---|---|---|---|---|");
    lines.forEach(System.out::println);
  }
}
