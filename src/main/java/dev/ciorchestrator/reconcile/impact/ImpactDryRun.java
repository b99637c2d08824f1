package dev.ciorchestrator.reconcile.impact;

import dev.ciorchestrator.config.diff.ConfigDiffer;
import dev.ciorchestrator.config.model.ConfigSnapshot;
import dev.ciorchestrator.config.model.Job;
import dev.ciorchestrator.config.model.Policy;
import dev.ciorchestrator.domain.ChangeState;
import dev.ciorchestrator.domain.Glob;
import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.reconcile.ChangePlan;
import dev.ciorchestrator.reconcile.JobDecision;
import dev.ciorchestrator.reconcile.Plan;
import dev.ciorchestrator.reconcile.Planner;
import dev.ciorchestrator.reconcile.impact.Impact.DueShift;
import dev.ciorchestrator.reconcile.impact.Impact.GateFlip;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.Function;

/**
 * The impact of a config change as a dry run of the pure planner: every open change planned with
 * the running config and with the changed one, from the same runs at the same instant, and the
 * plans compared. Nothing is executed and nothing is written. Changes of repositories whose
 * repository document, policies and jobs (as far as planning reads them, {@link JobPlanning}) are
 * the same under both configs are not planned: their plans cannot differ. The plans under the
 * running config come from a {@link PlanMemo}, so reviews against the same running config share
 * them; the planner sees only each change's runs at its head ({@link HeadRuns}).
 */
public final class ImpactDryRun {
  private static final Comparator<ChangeState> ORDER =
      Comparator.comparing((ChangeState s) -> s.change().repo())
          .thenComparingLong(s -> s.change().number());

  private ImpactDryRun() {}

  /** The dry run with nothing planned before: both configs' plans are computed now. */
  public static Impact compare(
      ConfigSnapshot before,
      ConfigSnapshot after,
      List<ChangeState> changes,
      List<RunRecord> runs,
      Instant now) {
    return compare(new PlanMemo(before, HeadRuns.index(changes, runs), now), after, changes);
  }

  /**
   * @param was the plans under the running config, of {@code changes} from their runs at one
   *     instant; those it lacks are planned and kept in it
   */
  public static Impact compare(PlanMemo was, ConfigSnapshot after, List<ChangeState> changes) {
    ConfigSnapshot before = was.snapshot();
    Map<String, Boolean> affected = new HashMap<>();
    List<ChangeState> planned =
        changes.stream()
            .filter(
                c -> affected.computeIfAbsent(c.change().repo(), r -> differs(before, after, r)))
            .sorted(ORDER)
            .toList();
    List<ChangePlan> plansBefore = was.plans(planned);
    Plan will = Planner.plan(after, planned, was.runs().of(planned), was.now());
    Map<String, ChangePlan> next = new HashMap<>();
    will.changes().forEach(p -> next.put(key(p), p));
    List<GateFlip> flips = new ArrayList<>();
    List<DueShift> dues = new ArrayList<>();
    for (ChangePlan a : plansBefore) {
      ChangePlan b = next.get(key(a));
      if (a.gate().pass() != b.gate().pass()) {
        flips.add(
            new GateFlip(
                a.change().repo(),
                a.change().number(),
                b.gate().pass(),
                a.gate().summary(),
                b.gate().summary()));
      }
      dueShift(a, b).ifPresent(dues::add);
    }
    return new Impact(changes.size(), planned.size(), flips, dues);
  }

  private static java.util.Optional<DueShift> dueShift(ChangePlan a, ChangePlan b) {
    Set<String> due = due(a);
    Set<String> dueAfter = due(b);
    List<String> starts = dueAfter.stream().filter(j -> !due.contains(j)).toList();
    List<String> stops = due.stream().filter(j -> !dueAfter.contains(j)).toList();
    if (starts.isEmpty() && stops.isEmpty()) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(
        new DueShift(a.change().repo(), a.change().number(), starts, stops));
  }

  /** Whether the repository's plans can differ: its document, or a job or policy for it, did. */
  static boolean differs(ConfigSnapshot before, ConfigSnapshot after, String repo) {
    return !same(
            before.repository(repo).stream().toList(),
            after.repository(repo).stream().toList(),
            ConfigDiffer::sameMeaning)
        || !same(
            applying(before.jobs(), Job::repos, repo),
            applying(after.jobs(), Job::repos, repo),
            JobPlanning::same)
        || !same(
            applying(before.policies(), Policy::repos, repo),
            applying(after.policies(), Policy::repos, repo),
            ConfigDiffer::sameMeaning);
  }

  private static <T> List<T> applying(List<T> items, Function<T, List<String>> repos, String repo) {
    return items.stream()
        .filter(i -> repos.apply(i).stream().anyMatch(g -> Glob.repositories(g).matches(repo)))
        .toList();
  }

  /** Equal, or equal in meaning: a moved job decides nothing differently. */
  private static <T extends Record> boolean same(List<T> a, List<T> b, BiPredicate<T, T> meaning) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (!a.get(i).equals(b.get(i)) && !meaning.test(a.get(i), b.get(i))) {
        return false;
      }
    }
    return true;
  }

  private static Set<String> due(ChangePlan plan) {
    Set<String> due = new LinkedHashSet<>();
    for (JobDecision j : plan.jobs()) {
      if (j.due()) {
        due.add(j.job());
      }
    }
    return due;
  }

  private static String key(ChangePlan p) {
    return HeadRuns.key(p.change().repo(), p.change().number());
  }
}
