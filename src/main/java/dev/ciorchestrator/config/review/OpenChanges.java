package dev.ciorchestrator.config.review;

import dev.ciorchestrator.config.model.ConfigSnapshot;
import dev.ciorchestrator.config.model.Repository;
import dev.ciorchestrator.domain.ChangeState;
import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.forge.ForgeChange;
import dev.ciorchestrator.reconcile.RepoPass;
import dev.ciorchestrator.reconcile.impact.HeadRuns;
import dev.ciorchestrator.reconcile.impact.Impact;
import dev.ciorchestrator.reconcile.impact.ImpactDryRun;
import dev.ciorchestrator.reconcile.impact.PlanMemo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The open changes and runs of every repository as its last pass listed them: what the impact of a
 * config change is computed over. Per repository it keeps the plans of its changes under the
 * running config ({@link PlanMemo}) until its listing or the running config differs, so each review
 * plans only the changed config, and only for the repositories the change touches.
 */
final class OpenChanges {
  private static final class Listing {
    final List<ChangeState> open;
    final List<RunRecord> runs;
    // the plans under the running config, made by the first impact that needs them; impacts are
    // computed one at a time (ConfigReviewer), so only one thread writes it
    volatile PlanMemo memo;

    Listing(List<ChangeState> open, List<RunRecord> runs) {
      this.open = open;
      this.runs = runs;
    }
  }

  private final Map<String, Listing> byRepo = new TreeMap<>(); // guarded by this

  synchronized void seen(RepoPass pass) {
    List<ChangeState> open = pass.open().stream().map(ForgeChange::state).toList();
    Listing old = byRepo.get(pass.repository().name());
    // most passes list the same: keep what was planned from it
    if (old == null || !old.open.equals(open) || !old.runs.equals(pass.runs())) {
      byRepo.put(pass.repository().name(), new Listing(open, pass.runs()));
    }
    Set<String> configured =
        pass.snapshot().repositories().stream().map(Repository::name).collect(Collectors.toSet());
    byRepo.keySet().retainAll(configured);
  }

  synchronized Set<String> repositories() {
    return Set.copyOf(byRepo.keySet());
  }

  /**
   * The dry run of the pure planner over these changes, under both configs; each repository's plans
   * are made from its runs at the instant its running plans were made. It takes seconds over many
   * changes, so it runs on the listings as they are now, without holding up the passes that list
   * their repositories meanwhile. Not to be called by two threads at once.
   */
  Impact impact(ConfigSnapshot running, ConfigSnapshot after, Instant now) {
    List<Listing> listings;
    synchronized (this) {
      listings = List.copyOf(byRepo.values());
    }
    int changes = 0;
    int planned = 0;
    List<Impact.GateFlip> flips = new ArrayList<>();
    List<Impact.DueShift> dues = new ArrayList<>();
    for (Listing l : listings) {
      if (l.memo == null || !Objects.equals(l.memo.snapshot().revision(), running.revision())) {
        l.memo = new PlanMemo(running, HeadRuns.index(l.open, l.runs), now);
      }
      Impact one = ImpactDryRun.compare(l.memo, after, l.open);
      changes += one.changes();
      planned += one.planned();
      flips.addAll(one.flips());
      dues.addAll(one.dues());
    }
    return new Impact(changes, planned, flips, dues);
  }
}
