package dev.ciorchestrator.reconcile.queue;

import dev.ciorchestrator.domain.BatchKey;
import dev.ciorchestrator.domain.Names;
import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.reconcile.Action;
import dev.ciorchestrator.reconcile.queue.QueueState.Built;
import dev.ciorchestrator.reconcile.queue.QueueState.Entry;
import dev.ciorchestrator.reconcile.queue.QueueState.Rejection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Plans one branch's merge queue: who is in it, which batch is under test on the branch's tip, and
 * what that batch's runs say (Bors style: green merges the batch, red splits it in halves until the
 * culprit is alone and leaves). Pure, like the {@code Planner}: the same input gives the same plan;
 * only the queue's executor acts on it.
 *
 * <p>A batch's identity is its base and its changes at their heads ({@link BatchKey}), so a moved
 * base, a push or a hold makes another batch: the old one's runs are aborted and the new one is
 * built and tested from scratch. A green batch therefore only merges onto exactly the commit it was
 * tested on.
 */
public final class QueuePlanner {
  private final QueueInput in;
  private final Map<Long, Candidate> candidates = new HashMap<>();
  private final Map<Long, Rejection> rejected = new LinkedHashMap<>();
  private final List<Entry> entries = new ArrayList<>();
  private final List<List<Long>> groups = new ArrayList<>();
  private final List<QueueAction> actions = new ArrayList<>();
  private final List<QueueEvent> events = new ArrayList<>();
  private long lastBatch;
  private QueueViews.Front front = QueueViews.Front.NONE;

  private QueuePlanner(QueueInput in) {
    this.in = in;
    this.lastBatch = in.state().lastBatch();
    in.candidates().forEach(c -> candidates.put(c.change(), c));
  }

  public static QueuePlan plan(QueueInput in) {
    return new QueuePlanner(in).run();
  }

  private QueuePlan run() {
    keepRejections();
    keepEntries();
    admit();
    keepGroups();
    decideFront();
    abortStale();
    List<Built> built = keepBuilt();
    QueueState next =
        new QueueState(lastBatch, entries, groups, built, List.copyOf(rejected.values()));
    return new QueuePlan(
        actions, next, QueueViews.of(in.candidates(), entries, rejected, front), events);
  }

  /** A change proved bad stays out until its head moves. */
  private void keepRejections() {
    for (Rejection r : in.state().rejected()) {
      Candidate c = candidates.get(r.change());
      if (c != null && c.headSha().equals(r.headSha())) {
        rejected.put(r.change(), r);
      }
    }
  }

  /** Closed, pushed, held or blocked changes leave; the rest keep their place. */
  private void keepEntries() {
    for (Entry e : in.state().entries()) {
      Candidate c = candidates.get(e.change());
      if (c != null && c.ready() && c.headSha().equals(e.headSha())) {
        entries.add(e);
      }
    }
  }

  /** Newly ready changes join at the end, by number when several join at once. */
  private void admit() {
    Set<Long> queued = new LinkedHashSet<>();
    entries.forEach(e -> queued.add(e.change()));
    in.candidates().stream()
        .filter(c -> c.ready() && !queued.contains(c.change()) && !rejected.containsKey(c.change()))
        .sorted((a, b) -> Long.compare(a.change(), b.change()))
        .forEach(c -> entries.add(new Entry(c.change(), c.headSha(), in.now())));
  }

  private void keepGroups() {
    Set<Long> queued = queued();
    for (List<Long> g : in.state().groups()) {
      List<Long> kept = g.stream().filter(queued::contains).toList();
      if (!kept.isEmpty()) {
        groups.add(kept);
      }
    }
  }

  /**
   * Each round either settles the front batch (build it, test it, merge it) or shrinks the queue's
   * front (a culprit leaves, a red batch splits), so the rounds are bounded.
   */
  private void decideFront() {
    for (int round = 0; round <= 2 * entries.size() + 2 && !entries.isEmpty(); round++) {
      if (groups.isEmpty()) {
        groups.add(entries.stream().limit(in.maxBatch()).map(Entry::change).toList());
      }
      List<Long> group = groups.get(0);
      BatchKey batch = batch(group);
      Optional<Built> built = in.state().built(batch.id());
      if (built.isEmpty()) {
        long number = ++lastBatch;
        String why = "build " + BatchVerdict.describe(batch, number);
        actions.add(new QueueAction.Build(batch, number, why));
        events.add(new QueueEvent.BatchFormed(group.size()));
        front = QueueViews.Front.building(batch, number);
        return;
      }
      Built b = built.get();
      if (b.conflicted()) {
        conflicted(group, batch, b);
        continue;
      }
      BatchVerdict verdict =
          BatchVerdict.judge(batch, b.number(), b.commitSha(), pipeline(group), in.runs());
      switch (verdict.outcome()) {
        case GREEN -> {
          String why = BatchVerdict.describe(batch, b.number()) + " passed: merging";
          actions.add(new QueueAction.Merge(batch, b.number(), b.commitSha(), in.method(), why));
          front = QueueViews.Front.merging(batch, b);
          return;
        }
        case TESTING -> {
          verdict.starts().forEach(s -> actions.add(new QueueAction.Run(s)));
          front = QueueViews.Front.testing(batch, b, verdict.detail());
          return;
        }
        case RED -> failed(group, batch, b, verdict.failure());
      }
    }
  }

  /** A red batch: its only change is the culprit and leaves, or it splits in halves. */
  private void failed(List<Long> group, BatchKey batch, Built b, String failure) {
    String what = BatchVerdict.describe(batch, b.number()) + " failed: " + failure;
    if (group.size() == 1) {
      reject(group.get(0), what);
      return;
    }
    int half = (group.size() + 1) / 2;
    groups.set(0, group.subList(0, half));
    groups.add(1, group.subList(half, group.size()));
    events.add(new QueueEvent.Bisected(group.size()));
  }

  /**
   * A change that does not merge onto the base and the changes before it: alone at the front it
   * cannot merge at all and leaves; behind others it is tested again after them.
   */
  private void conflicted(List<Long> group, BatchKey batch, Built b) {
    int at = Math.max(0, group.indexOf(b.conflictChange())); // the builder names a batch member
    if (at == 0) {
      String base = batch.branch() + " at " + Names.shortSha(batch.baseSha());
      reject(group.get(0), "does not merge cleanly into " + base + ": " + b.conflict());
      return;
    }
    groups.set(0, group.subList(0, at));
    groups.add(1, group.subList(at, group.size()));
  }

  private void reject(long change, String reason) {
    Candidate c = candidates.get(change);
    entries.removeIf(e -> e.change() == change);
    groups.replaceAll(g -> g.stream().filter(n -> n != change).toList());
    groups.removeIf(List::isEmpty);
    rejected.put(change, new Rejection(change, c.headSha(), reason));
    actions.add(new QueueAction.Reject(change, c.headSha(), reason));
  }

  /** Runs of any batch but the one under test no longer answer a question anybody asks. */
  private void abortStale() {
    String current = front.batchId();
    String why =
        current.isEmpty()
            ? "no batch is under test on " + in.branch()
            : "superseded by " + front.describe();
    for (RunRecord r : in.runs()) {
      if (!r.state().terminal() && !r.key().batchId().equals(current)) {
        actions.add(new QueueAction.Run(new Action.AbortRun(r.id(), why)));
      }
    }
  }

  /** Only the batch under test keeps its record and its ref. */
  private List<Built> keepBuilt() {
    List<Built> kept = new ArrayList<>();
    for (Built b : in.state().built()) {
      if (b.batchId().equals(front.batchId())) {
        kept.add(b);
      } else if (!b.conflicted()) {
        actions.add(new QueueAction.DropRef(b.number(), "batch #" + b.number() + " is done"));
      }
    }
    return kept;
  }

  private BatchKey batch(List<Long> group) {
    List<BatchKey.Member> members =
        group.stream().map(n -> new BatchKey.Member(n, candidates.get(n).headSha())).toList();
    return new BatchKey(in.repo(), in.branch(), in.baseSha(), members);
  }

  /** The union of the batch's changes' required jobs, first seen first, with what they need. */
  private BatchPipeline pipeline(List<Long> group) {
    Set<String> jobs = new LinkedHashSet<>();
    group.forEach(n -> jobs.addAll(candidates.get(n).jobs()));
    return BatchPipeline.of(List.copyOf(jobs), in.needs());
  }

  private Set<Long> queued() {
    Set<Long> queued = new LinkedHashSet<>();
    entries.forEach(e -> queued.add(e.change()));
    return queued;
  }
}
