package dev.ciorchestrator.reconcile.queue;

import dev.ciorchestrator.config.model.MergeMethod;
import dev.ciorchestrator.domain.BatchKey;
import dev.ciorchestrator.domain.Names;
import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.domain.RunState;
import dev.ciorchestrator.reconcile.Action;
import dev.ciorchestrator.reconcile.queue.QueueState.Built;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Drives the pure queue planner pass after pass the way the controller does, with an oracle for run
 * results instead of real jobs: a batch fails when it holds a culprit, and a flaky job errors on
 * its first attempt. Records every batch tested and every merge, so tests can check that nothing
 * red ever reached the branch.
 */
final class QueueSimulation {
  final List<Long> merged = new ArrayList<>();
  final List<Long> rejected = new ArrayList<>();
  final List<List<Long>> tested = new ArrayList<>();
  final List<String> baseHistory = new ArrayList<>();
  int runsStarted;
  int bisections;
  private final Map<Long, Candidate> open = new LinkedHashMap<>();
  private final List<RunRecord> runs = new ArrayList<>();
  private final Set<Long> culprits;
  private final boolean flaky;
  private final int maxBatch;
  private QueueState state = QueueState.EMPTY;
  private String base = QueueFixture.BASE;
  private Instant now = QueueFixture.NOW;

  QueueSimulation(int changes, Set<Long> culprits, boolean flaky, int maxBatch) {
    for (long n = 1; n <= changes; n++) {
      open.put(n, QueueFixture.readyOne(n));
    }
    this.culprits = culprits;
    this.flaky = flaky;
    this.maxBatch = maxBatch;
    baseHistory.add(base);
  }

  /** Passes until the queue is empty; fails on a pass limit, so a livelock cannot hang a test. */
  QueueSimulation runToEnd() {
    for (int pass = 0; pass < 500; pass++) {
      QueuePlan plan = plan();
      while (plan.building()) {
        count(plan);
        state = plan.state();
        plan.actions().forEach(this::act);
        state = applyBuilt();
        plan = plan();
      }
      count(plan);
      state = plan.state();
      plan.actions().forEach(this::act);
      finishRuns();
      now = now.plusSeconds(60);
      if (open.isEmpty()) {
        return this;
      }
    }
    throw new AssertionError("queue did not drain: merged " + merged + ", rejected " + rejected);
  }

  private void count(QueuePlan plan) {
    bisections +=
        (int) plan.events().stream().filter(QueueEvent.Bisected.class::isInstance).count();
  }

  private QueuePlan plan() {
    return QueuePlanner.plan(
        new QueueInput(
            QueueFixture.REPO,
            "main",
            maxBatch,
            MergeMethod.MERGE,
            base,
            List.copyOf(open.values()),
            state,
            runs,
            now));
  }

  private final List<Built> pendingBuilt = new ArrayList<>();

  private void build(QueueAction.Build b) {
    tested.add(b.batch().changes());
    pendingBuilt.add(Built.commit(b.batch().id(), b.number(), QueueFixture.commit(b.batch())));
  }

  private QueueState applyBuilt() {
    QueueState next = state;
    for (Built b : pendingBuilt) {
      next = next.withBuilt(b);
    }
    pendingBuilt.clear();
    return next;
  }

  private void act(QueueAction a) {
    if (a instanceof QueueAction.Build b) {
      build(b);
    } else if (a instanceof QueueAction.Run r && r.action() instanceof Action.StartRun s) {
      runsStarted++;
      runs.add(QueueFixture.run(batchOf(s), s.key().job(), s.key().attempt(), RunState.PENDING));
    } else if (a instanceof QueueAction.Run r && r.action() instanceof Action.AbortRun abort) {
      runs.replaceAll(
          x -> x.id().equals(abort.runId()) ? x.withState(RunState.ABORTED, now, "") : x);
    } else if (a instanceof QueueAction.Merge m) {
      if (m.batch().changes().stream().anyMatch(culprits::contains)) {
        throw new AssertionError("a red batch merged: " + m.batch().changes());
      }
      if (!m.batch().baseSha().equals(base)) {
        throw new AssertionError("merged onto a base it was not tested on");
      }
      m.batch().changes().forEach(open::remove);
      merged.addAll(m.batch().changes());
      base = Names.hash(base + m.batch().id(), 40);
      baseHistory.add(base);
    } else if (a instanceof QueueAction.Reject r) {
      open.remove(r.change()); // its author would push a fix; here it simply goes
      rejected.add(r.change());
    }
  }

  /** Every pending run ends: red when its batch holds a culprit, an error on a flaky first try. */
  private void finishRuns() {
    runs.replaceAll(
        r -> {
          if (r.state() != RunState.PENDING) {
            return r;
          }
          if (flaky && r.key().attempt() == 1) {
            return r.withState(RunState.ERROR, now, "node lost");
          }
          boolean red = memberChanges(r).stream().anyMatch(culprits::contains);
          return r.withState(red ? RunState.FAILURE : RunState.SUCCESS, now, red ? "exit 1" : "");
        });
  }

  private final Map<String, BatchKey> batches = new LinkedHashMap<>();

  private BatchKey batchOf(Action.StartRun s) {
    for (List<Long> t : tested) {
      BatchKey key = QueueFixture.batch(base, t.stream().mapToLong(Long::longValue).toArray());
      if (key.id().equals(s.key().batchId())) {
        batches.put(key.id(), key);
        return key;
      }
    }
    throw new AssertionError("run of an unknown batch " + s.key());
  }

  private List<Long> memberChanges(RunRecord r) {
    return batches.get(r.key().batchId()).changes();
  }
}
