package dev.ciorchestrator.reconcile.impact;

import dev.ciorchestrator.domain.ChangeState;
import dev.ciorchestrator.domain.RunRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The run records of each open change at its head SHA, indexed once: all a dry run's plan reads.
 * Runs of older heads only make the real planner abort them (supersede), which the impact does not
 * compare; runs of branches, schedules and batches are no change's. Handing the planner only these
 * keeps a dry run proportional to the changes it plans, not to every run ever recorded.
 */
public final class HeadRuns {
  private final Map<String, List<RunRecord>> byChange = new HashMap<>();

  private HeadRuns() {}

  /** One pass over {@code runs}, keeping those on the head of one of {@code changes}. */
  public static HeadRuns index(List<ChangeState> changes, List<RunRecord> runs) {
    Map<String, String> heads = new HashMap<>();
    changes.forEach(
        c -> heads.put(key(c.change().repo(), c.change().number()), c.change().headSha()));
    HeadRuns index = new HeadRuns();
    for (RunRecord run : runs) {
      if (run.key().change() <= 0) {
        continue;
      }
      String key = key(run.key().repo(), run.key().change());
      if (run.key().sha().equals(heads.get(key))) {
        index.byChange.computeIfAbsent(key, k -> new ArrayList<>()).add(run);
      }
    }
    return index;
  }

  /** The head runs of {@code changes}, as one list for the planner. */
  public List<RunRecord> of(List<ChangeState> changes) {
    List<RunRecord> out = new ArrayList<>();
    for (ChangeState c : changes) {
      out.addAll(byChange.getOrDefault(key(c.change().repo(), c.change().number()), List.of()));
    }
    return out;
  }

  static String key(String repo, long number) {
    return repo + "#" + number;
  }
}
