package dev.ciorchestrator.reconcile;

import dev.ciorchestrator.config.model.ConfigSnapshot;
import dev.ciorchestrator.config.model.Job;
import dev.ciorchestrator.domain.Names;
import dev.ciorchestrator.domain.RunKey;
import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.domain.RunState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts the jobs of a push or schedule pipeline once every job they need has succeeded on the same
 * commit (push) or in the same slot (schedule). Pure, and derived from the run records alone: a
 * restart between an upstream's success and the start below it loses nothing, and the run's
 * deterministic id makes a repeated start harmless. A job below a failed one never starts; its
 * commit shows no status for it.
 */
public final class PipelineFollower {
  private PipelineFollower() {}

  /** Where a branch run belongs: the ref (branch, or {@code schedule@<slot>}) and the commit. */
  private record Target(String ref, String sha) {}

  /**
   * @param runs the repository's runs (change and merge-queue batch runs are ignored)
   */
  public static List<Action> follow(ConfigSnapshot snapshot, String repo, List<RunRecord> runs) {
    List<Job> below = snapshot.jobsFor(repo).stream().filter(j -> !j.needs().isEmpty()).toList();
    if (below.isEmpty()) {
      return List.of();
    }
    Map<Target, Map<String, RunRecord>> byTarget = new HashMap<>();
    for (RunRecord r : runs) {
      // a merge-queue batch's runs are the queue's to start and judge
      if (r.key().change() == 0 && !r.key().batch() && r.key().repo().equals(repo)) {
        byTarget
            .computeIfAbsent(new Target(r.key().ref(), r.key().sha()), t -> new HashMap<>())
            .merge(r.key().job(), r, (a, b) -> a.key().attempt() >= b.key().attempt() ? a : b);
      }
    }
    List<Action> starts = new ArrayList<>();
    byTarget.entrySet().stream()
        .sorted(
            Comparator.comparing((Map.Entry<Target, ?> e) -> e.getKey().ref())
                .thenComparing(e -> e.getKey().sha()))
        .forEach(e -> below.forEach(j -> follow(j, repo, e.getKey(), e.getValue(), starts)));
    return starts;
  }

  private static void follow(
      Job job, String repo, Target target, Map<String, RunRecord> ran, List<Action> starts) {
    if (ran.containsKey(job.name()) || !starts(job, target.ref())) {
      return;
    }
    RunRecord newest = null;
    for (String need : job.needs()) {
      RunRecord run = ran.get(need);
      if (run == null || run.state() != RunState.SUCCESS) {
        return;
      }
      newest = newest == null || run.queuedAt().isAfter(newest.queuedAt()) ? run : newest;
    }
    RunKey key = new RunKey(repo, 0, target.ref(), target.sha(), job.name(), 1);
    String at =
        target.sha().isEmpty() ? " in " + target.ref() : " at " + Names.shortSha(target.sha());
    String why = "needs met: " + String.join(", ", job.needs()) + " passed" + at;
    starts.add(new Action.StartRun(key, newest.trigger(), newest.causedBy(), "", why));
  }

  /** The job runs for this ref at all: a push to a branch it takes, or a slot of its schedule. */
  private static boolean starts(Job job, String ref) {
    if (ref.startsWith(RunKey.SCHEDULE_REF)) {
      return job.triggers() != null && job.triggers().schedule() != null;
    }
    return BranchPlanner.pushStarts(job, ref);
  }
}
