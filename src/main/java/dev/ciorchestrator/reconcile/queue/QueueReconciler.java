package dev.ciorchestrator.reconcile.queue;

import dev.ciorchestrator.config.model.MergeQueue;
import dev.ciorchestrator.config.model.Repository;
import dev.ciorchestrator.domain.Change;
import dev.ciorchestrator.domain.Names;
import dev.ciorchestrator.forge.ForgeChange;
import dev.ciorchestrator.reconcile.ChangePlan;
import dev.ciorchestrator.reconcile.JobDecision;
import dev.ciorchestrator.reconcile.LoopMetrics;
import dev.ciorchestrator.reconcile.RepoExtension;
import dev.ciorchestrator.reconcile.RepoPass;
import dev.ciorchestrator.reconcile.ReportExtra;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The merge queue in the reconcile pass (DESIGN.md "Merge queue"). Each fresh plan of a change into
 * a queued branch tells it whether the change is ready (gate passed, not on hold) and which jobs a
 * batch with it must pass; once per pass it plans each queued branch with the pure {@link
 * QueuePlanner}, has {@link QueueActions} carry the plan out, saves the state, and gives every
 * change its {@code ci/queue} status and summary section.
 *
 * <p>Not thread-safe beyond what the loop needs: the reconcile loop runs one pass at a time; the
 * views are read by the same thread.
 */
public final class QueueReconciler implements RepoExtension {
  /** Builds, replans: a plan needs at most one build per change it could drop, plus the first. */
  private static final int MAX_ROUNDS = MergeQueue.MAX_BATCH_LIMIT + 2;

  private record Tracked(String branch, Candidate candidate) {}

  private final QueueStore store;
  private final LoopMetrics loopMetrics;
  private final QueueMetrics metrics;
  private final Map<String, Map<Long, Tracked>> candidates = new ConcurrentHashMap<>();
  private final Map<String, Map<Long, QueueView>> views = new ConcurrentHashMap<>();

  public QueueReconciler(QueueStore store, LoopMetrics loopMetrics, QueueMetrics metrics) {
    this.store = store;
    this.loopMetrics = loopMetrics;
    this.metrics = metrics;
  }

  @Override
  public void planned(Repository repository, ForgeChange fc, ChangePlan plan) {
    Change change = plan.change();
    Map<Long, Tracked> mine = candidates.computeIfAbsent(repository.name(), r -> new HashMap<>());
    if (!repository.mergeQueue().covers(change.baseRef())) {
      mine.remove(change.number());
      return;
    }
    boolean held = change.labels().contains(Names.HOLD_LABEL);
    boolean ready = plan.gate().pass() && !held;
    String why = ready ? "" : held ? "on hold" : "waiting for the gate (ci/gate)";
    List<String> jobs =
        plan.jobs().stream().filter(j -> j.required() && j.due()).map(JobDecision::job).toList();
    mine.put(
        change.number(),
        new Tracked(
            change.baseRef(), new Candidate(change.number(), change.headSha(), ready, why, jobs)));
  }

  @Override
  public ReportExtra report(Repository repository, ForgeChange fc) {
    Tracked tracked = candidates.getOrDefault(repository.name(), Map.of()).get(fc.number());
    QueueView view = views.getOrDefault(repository.name(), Map.of()).get(fc.number());
    if (tracked == null || view == null) {
      return ReportExtra.NONE;
    }
    return QueueReport.of(tracked.branch(), view);
  }

  @Override
  public Set<Long> afterChanges(RepoPass pass) throws IOException {
    Repository repository = pass.repository();
    String repo = repository.name();
    if (!repository.mergeQueue().enabled()) {
      candidates.remove(repo);
      views.remove(repo);
      return Set.of();
    }
    Map<String, List<Candidate>> byBranch = byBranch(repo, pass);
    Map<String, String> tips = pass.forge().branches(repo);
    Map<Long, QueueView> next = new HashMap<>();
    for (Map.Entry<String, List<Candidate>> branch : byBranch.entrySet()) {
      String tip = tips.get(branch.getKey());
      if (tip != null) {
        next.putAll(plan(pass, branch.getKey(), tip, branch.getValue()));
      }
    }
    Map<Long, QueueView> before = views.getOrDefault(repo, Map.of());
    views.put(repo, next);
    Set<Long> touched = new HashSet<>();
    next.forEach(
        (n, v) -> {
          if (!v.equals(before.get(n))) {
            touched.add(n);
          }
        });
    return touched;
  }

  /**
   * The repository's candidates by target branch; closed changes are forgotten. A branch whose
   * queue has state but no candidate left is planned too, so it drops its last batch's ref.
   */
  private Map<String, List<Candidate>> byBranch(String repo, RepoPass pass) throws IOException {
    Map<Long, Tracked> mine = candidates.computeIfAbsent(repo, r -> new HashMap<>());
    Set<Long> open = new HashSet<>();
    pass.open().forEach(fc -> open.add(fc.number()));
    mine.keySet().retainAll(open);
    Map<String, List<Candidate>> out = new TreeMap<>();
    store.branches(repo).forEach(b -> out.put(b, new ArrayList<>()));
    mine.values()
        .forEach(t -> out.computeIfAbsent(t.branch(), b -> new ArrayList<>()).add(t.candidate()));
    return out;
  }

  private Map<Long, QueueView> plan(
      RepoPass pass, String branch, String tip, List<Candidate> branchCandidates)
      throws IOException {
    String repo = pass.repository().name();
    QueueActions actions = new QueueActions(pass, branch, loopMetrics, metrics);
    QueueState state = store.load(repo, branch);
    QueuePlan plan = null;
    for (int round = 0; round < MAX_ROUNDS; round++) {
      plan = QueuePlanner.plan(input(pass, branch, tip, branchCandidates, state));
      count(repo, branch, plan);
      state = actions.execute(plan);
      if (!plan.building()) {
        break;
      }
    }
    store.save(repo, branch, state);
    metrics.length(repo, branch, state.entries().size());
    return plan.views();
  }

  private static QueueInput input(
      RepoPass pass, String branch, String tip, List<Candidate> candidates, QueueState state) {
    Repository r = pass.repository();
    return new QueueInput(
        r.name(),
        branch,
        r.mergeQueue().maxBatch(),
        r.mergeMethod(),
        tip,
        candidates,
        state,
        pass.runs(),
        pass.now(),
        BatchPipeline.configNeeds(pass.snapshot().jobsFor(r.name())));
  }

  private void count(String repo, String branch, QueuePlan plan) {
    plan.events().stream()
        .filter(QueueEvent.Bisected.class::isInstance)
        .forEach(e -> metrics.bisected(repo, branch));
  }
}
