package dev.ciorchestrator.reconcile.impact;

import dev.ciorchestrator.config.model.ConfigSnapshot;
import dev.ciorchestrator.domain.ChangeState;
import dev.ciorchestrator.reconcile.ChangePlan;
import dev.ciorchestrator.reconcile.Planner;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The plans of open changes under one config, from the same runs at the same instant, each planned
 * once: every config change reviewed against the running config compares with the same plans of the
 * same changes, so they are not planned again for each review. Holders make a new memo when the
 * config, the changes or their runs move. Not thread-safe; one reviewer uses it.
 */
public final class PlanMemo {
  private final ConfigSnapshot snapshot;
  private final HeadRuns runs;
  private final Instant now;
  private final Map<String, ChangePlan> plans = new HashMap<>();

  public PlanMemo(ConfigSnapshot snapshot, HeadRuns runs, Instant now) {
    this.snapshot = snapshot;
    this.runs = runs;
    this.now = now;
  }

  public ConfigSnapshot snapshot() {
    return snapshot;
  }

  HeadRuns runs() {
    return runs;
  }

  Instant now() {
    return now;
  }

  /** The plans of {@code changes}, planning in one pass those not planned yet. */
  List<ChangePlan> plans(List<ChangeState> changes) {
    List<ChangeState> missing = changes.stream().filter(c -> !plans.containsKey(key(c))).toList();
    if (!missing.isEmpty()) {
      Planner.plan(snapshot, missing, runs.of(missing), now)
          .changes()
          .forEach(p -> plans.put(HeadRuns.key(p.change().repo(), p.change().number()), p));
    }
    List<ChangePlan> out = new ArrayList<>(changes.size());
    changes.forEach(c -> out.add(plans.get(key(c))));
    return out;
  }

  private static String key(ChangeState c) {
    return HeadRuns.key(c.change().repo(), c.change().number());
  }
}
