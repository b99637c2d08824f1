package dev.ciorchestrator.reconcile;

import dev.ciorchestrator.config.model.ConfigSnapshot;
import dev.ciorchestrator.config.model.Job;
import dev.ciorchestrator.domain.Glob;
import dev.ciorchestrator.domain.Names;
import dev.ciorchestrator.domain.RunKey;
import dev.ciorchestrator.domain.Trigger;
import dev.ciorchestrator.schedule.Due;
import dev.ciorchestrator.schedule.ScheduleSlots;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Plans the runs that belong to a branch rather than a change: postsubmits when a branch tip moves
 * ({@code triggers.push}) and scheduled runs once per cron slot ({@code triggers.schedule}). Pure
 * like {@link Planner}: the caller passes what it saw last time and persists {@link
 * BranchPlan#branches()} and {@link BranchPlan#schedules()} only after the actions ran, so a crash
 * in between plans the same runs again, and their deterministic ids make that harmless.
 */
public final class BranchPlanner {
  static final String SCHEDULE_CAUSE = "schedule";

  private BranchPlanner() {}

  /**
   * What to start for one repository, and the watermarks to remember once it started.
   *
   * @param branches every branch tip now; save it as the next {@code seenBranches}
   * @param schedules the start of each scheduled job's next window; save it as the next {@code
   *     checked}
   */
  public record BranchPlan(
      List<Action> actions, Map<String, String> branches, Map<String, Instant> schedules) {
    public BranchPlan {
      actions = List.copyOf(actions);
      branches = Map.copyOf(branches);
      schedules = Map.copyOf(schedules);
    }
  }

  /**
   * @param seenBranches the tips saved after the last plan, or null if this repository was never
   *     planned: then today's tips are only the baseline and start nothing, or every existing
   *     branch would look freshly pushed
   * @param tips every branch and its tip now
   * @param checked when each scheduled job of the repository was last checked; a job missing here
   *     is new and starts counting from {@code now}, as a new Kubernetes CronJob does
   */
  public static BranchPlan plan(
      ConfigSnapshot snapshot,
      String repo,
      Map<String, String> seenBranches,
      Map<String, String> tips,
      Map<String, Instant> checked,
      Instant now,
      ScheduleSlots slots) {
    Objects.requireNonNull(now, "now");
    List<Job> jobs = snapshot.jobsFor(repo);
    List<Action> actions = new ArrayList<>();
    if (seenBranches != null && !seenBranches.equals(tips)) {
      new TreeMap<>(tips)
          .forEach(
              (branch, sha) -> {
                if (!sha.equals(seenBranches.get(branch))) {
                  actions.addAll(pushed(jobs, repo, branch, sha));
                }
              });
    }
    Map<String, Instant> nextChecked = new TreeMap<>();
    for (Job job : jobs) {
      Job.ScheduleTrigger schedule = job.triggers() == null ? null : job.triggers().schedule();
      if (schedule == null || !job.needs().isEmpty()) { // a job that needs another follows it
        continue;
      }
      Instant since = checked.get(job.name());
      if (since == null) {
        nextChecked.put(job.name(), now);
        continue;
      }
      Due due = slots.due(schedule.cron(), since, now);
      actions.addAll(scheduled(job, repo, schedule.cron(), due));
      // Moved only when a slot started: the window (since, now] may grow between slots, and
      // leaving it lets the watermark be saved once per slot rather than once per cycle.
      nextChecked.put(job.name(), due.slots().isEmpty() ? since : now);
    }
    return new BranchPlan(actions, tips, nextChecked);
  }

  /** Does a push to {@code branch} start {@code job} (ignoring its needs). */
  static boolean pushStarts(Job job, String branch) {
    Job.PushTrigger push = job.triggers() == null ? null : job.triggers().push();
    return push != null
        && (push.branches().isEmpty()
            || push.branches().stream().anyMatch(g -> Glob.compile(g).matches(branch)));
  }

  private static List<Action> pushed(List<Job> jobs, String repo, String branch, String sha) {
    List<Action> starts = new ArrayList<>();
    for (Job job : jobs) {
      if (!job.needs().isEmpty() || !pushStarts(job, branch)) {
        continue; // a job that needs another follows it (PipelineFollower)
      }
      RunKey key = RunKey.forPush(repo, branch, sha, job.name());
      String why = "push to " + branch + " at " + Names.shortSha(sha);
      starts.add(new Action.StartRun(key, Trigger.PUSH, "push", "", why));
    }
    return starts;
  }

  private static List<Action> scheduled(Job job, String repo, String cron, Due due) {
    List<Action> starts = new ArrayList<>();
    for (RunKey key : due.runKeys(repo, job.name())) {
      String why =
          "schedule '"
              + cron
              + "' slot "
              + key.ref().substring("schedule@".length())
              + (due.skipped() > 0 ? " (" + due.skipped() + " older missed slots skipped)" : "");
      starts.add(new Action.StartRun(key, Trigger.SCHEDULE, SCHEDULE_CAUSE, "", why));
    }
    return starts;
  }
}
