package dev.ciorchestrator.reconcile;

import dev.ciorchestrator.config.model.ConfigSnapshot;
import dev.ciorchestrator.config.model.Repository;
import dev.ciorchestrator.domain.ChangeState;
import dev.ciorchestrator.domain.Decision;
import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.executor.Executor;
import dev.ciorchestrator.forge.Forge;
import dev.ciorchestrator.forge.ForgeChange;
import dev.ciorchestrator.report.RunLinks;
import dev.ciorchestrator.run.ControllerMemory;
import dev.ciorchestrator.run.RunStore;
import dev.ciorchestrator.run.Watermarks;
import dev.ciorchestrator.schedule.ScheduleSlots;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * One reconcile pass over one repository: read the forge and the runs, plan the changes whose
 * inputs moved, act, report, merge; then postsubmits and schedules. Not thread-safe: the {@link
 * ReconcileLoop} runs one pass at a time.
 */
public final class RepoReconciler {
  private static final Logger LOG = Logger.getLogger(RepoReconciler.class);

  private final Map<String, Forge> forges;
  private final RunStore runs;
  private final Executor executor;
  private final Watermarks watermarks;
  private final Clock clock;
  private final ActionExecutor actions;
  private final ChangeReporter reporter;
  private final ScheduleSlots slots = new ScheduleSlots();
  private final Map<String, ChangeMemo> memos = new HashMap<>();
  private final PolicyMemo verdicts = new PolicyMemo(PolicyMemo.DEFAULT_CAPACITY);
  private final Set<String> recovered = new HashSet<>();
  private final Map<String, Seen> lastSeen = new HashMap<>();
  private final Duration resync;
  private final PolicyObserver policies;
  private final PlanRules rules;
  private final Extensions extensions;

  /**
   * @param forges by connection id ({@code Repository.forge})
   * @param resync how long an unchanged change may go without being planned again
   * @param metrics told about gate decisions, merges and policy evaluations
   */
  public RepoReconciler(
      Map<String, Forge> forges,
      RunStore runs,
      Executor executor,
      Watermarks watermarks,
      Clock clock,
      RunLinks links,
      Duration resync,
      LoopMetrics metrics) {
    this(
        forges,
        runs,
        executor,
        watermarks,
        clock,
        links,
        resync,
        metrics,
        GateListener.NONE,
        PlanRules.DEFAULT,
        new ChangeBoard());
  }

  /**
   * @param memory what the controller told on each change and which merges were refused
   */
  public RepoReconciler(
      Map<String, Forge> forges,
      RunStore runs,
      Executor executor,
      Watermarks watermarks,
      ControllerMemory memory,
      Clock clock,
      RunLinks links,
      Duration resync,
      LoopMetrics metrics) {
    this(
        forges,
        runs,
        executor,
        watermarks,
        memory,
        clock,
        links,
        resync,
        metrics,
        GateListener.NONE,
        PlanRules.DEFAULT,
        new ChangeBoard(),
        List.of());
  }

  /**
   * @param gates told each published gate decision, for reports beyond the forge (callbacks)
   * @param rules the deployment's planning choices ({@code ci.reconcile.renew-ok-to-test})
   * @param board shown every change report as written, for the web UI
   */
  public RepoReconciler(
      Map<String, Forge> forges,
      RunStore runs,
      Executor executor,
      Watermarks watermarks,
      Clock clock,
      RunLinks links,
      Duration resync,
      LoopMetrics metrics,
      GateListener gates,
      PlanRules rules,
      ChangeBoard board) {
    this(
        forges,
        runs,
        executor,
        watermarks,
        clock,
        links,
        resync,
        metrics,
        gates,
        rules,
        board,
        List.of());
  }

  /**
   * @param extensions features that take part in each pass beside the planner (the merge queue, the
   *     review of config changes), asked in this order
   */
  public RepoReconciler(
      Map<String, Forge> forges,
      RunStore runs,
      Executor executor,
      Watermarks watermarks,
      Clock clock,
      RunLinks links,
      Duration resync,
      LoopMetrics metrics,
      GateListener gates,
      PlanRules rules,
      ChangeBoard board,
      List<RepoExtension> extensions) {
    this(
        forges,
        runs,
        executor,
        watermarks,
        ControllerMemory.inMemory(),
        clock,
        links,
        resync,
        metrics,
        gates,
        rules,
        board,
        extensions);
  }

  /**
   * @param memory what the controller told on each change and which merges were refused, in the
   *     store beside the runs, so the next term (a restart, another replica) remembers it
   */
  public RepoReconciler(
      Map<String, Forge> forges,
      RunStore runs,
      Executor executor,
      Watermarks watermarks,
      ControllerMemory memory,
      Clock clock,
      RunLinks links,
      Duration resync,
      LoopMetrics metrics,
      GateListener gates,
      PlanRules rules,
      ChangeBoard board,
      List<RepoExtension> extensions) {
    this.rules = rules;
    this.extensions = new Extensions(extensions);
    this.forges = Map.copyOf(forges);
    this.runs = runs;
    this.executor = executor;
    this.watermarks = watermarks;
    this.clock = clock;
    this.actions = new ActionExecutor(runs, executor, memory, clock);
    this.reporter = new ChangeReporter(links, metrics, gates, board, actions, memory, clock);
    this.resync = resync;
    this.policies = metrics::policyEvaluated;
  }

  /**
   * Reconciles {@code repository}. A failure of one change is logged and retried next pass; the
   * other changes go on.
   *
   * @return how many changes were planned (the rest were unchanged)
   * @throws IOException if the forge cannot be read at all
   */
  public int reconcile(ConfigSnapshot snapshot, Repository repository) throws IOException {
    String repo = repository.name();
    Forge forge = forges.get(repository.forge());
    if (forge == null) {
      throw new IOException(
          "no forge connection '" + repository.forge() + "' (known: " + forges.keySet() + ")");
    }
    Path checkout = forge.checkout(repo);
    List<ForgeChange> open = forge.openChanges(repo);
    List<RunRecord> repoRuns = runs.forRepo(repo);
    if (recovered.add(repo)) {
      new Recovery(runs, executor, clock).recover(snapshot, repository, checkout, open, repoRuns);
      repoRuns = runs.forRepo(repo);
    }
    Seen inputs = seen(repo, open, repoRuns);
    ActionExecutor.Target repoTarget =
        new ActionExecutor.Target(snapshot, forge, repo, null, checkout);
    try {
      actions.execute(Planner.orphans(repo, inputs.numbers(), repoRuns), repoTarget);
      int planned =
          reconcileChanges(snapshot, forge, repository, checkout, open, inputs.byChange());
      planned += extend(snapshot, forge, repository, checkout, open);
      reconcileBranches(snapshot, forge, repo, repoTarget);
      actions.execute(PipelineFollower.follow(snapshot, repo, repoRuns), repoTarget);
      reporter.reportBranchRuns(repoTarget, repoRuns);
      return planned;
    } finally {
      forge.flush(); // the forge may group-commit this pass's writes
    }
  }

  /**
   * Lets each extension act once, then reports again, this pass, the changes whose report it says
   * it changed (the merge queue moved them): their own inputs did not move, so the memo would skip
   * them.
   */
  private int extend(
      ConfigSnapshot snapshot,
      Forge forge,
      Repository repository,
      Path checkout,
      List<ForgeChange> open)
      throws IOException {
    if (extensions.isEmpty()) {
      return 0;
    }
    String repo = repository.name();
    RepoPass pass =
        new RepoPass(
            snapshot,
            repository,
            forge,
            checkout,
            open,
            runs.forRepo(repo),
            clock.instant(),
            actions);
    Set<Long> touched = extensions.act(pass);
    if (touched.isEmpty()) {
      return 0;
    }
    touched.forEach(memo(repo)::forget);
    // The pass's own listing, not a new one: a change the extension merged is reported once more,
    // so its last status and summary say how it left.
    return reconcileChanges(
        snapshot, forge, repository, checkout, open, byChange(runs.forRepo(repo)));
  }

  private int reconcileChanges(
      ConfigSnapshot snapshot,
      Forge forge,
      Repository repository,
      Path checkout,
      List<ForgeChange> open,
      Map<Long, List<RunRecord>> runsByChange) {
    String repo = repository.name();
    ChangeMemo memo = memo(repo);
    Instant now = clock.instant();
    List<ForgeChange> changed = new ArrayList<>();
    for (ForgeChange fc : open) {
      List<RunRecord> own = runsByChange.getOrDefault(fc.number(), List.of());
      if (!memo.unchanged(fc, own, snapshot.revision(), now)) {
        changed.add(fc);
      }
    }
    if (changed.isEmpty()) {
      return 0;
    }
    List<ChangeState> states = changed.stream().map(ForgeChange::state).toList();
    List<RunRecord> planRuns = new ArrayList<>();
    changed.forEach(fc -> planRuns.addAll(runsByChange.getOrDefault(fc.number(), List.of())));
    Map<Long, ForgeChange> byNumber = new HashMap<>();
    changed.forEach(fc -> byNumber.put(fc.number(), fc));
    Map<Long, List<Decision>> extraGates = extensions.gates(snapshot, repository, changed);
    Plan plan =
        Planner.plan(
            snapshot,
            states,
            planRuns,
            now,
            policies,
            rules,
            c -> extraGates.getOrDefault(c.number(), List.of()),
            verdicts);
    for (ChangePlan cp : plan.changes()) {
      ForgeChange fc = byNumber.get(cp.change().number());
      try {
        ActionExecutor.Target target =
            new ActionExecutor.Target(snapshot, forge, repo, cp.change(), checkout);
        List<RunRecord> own = runsByChange.getOrDefault(fc.number(), List.of());
        // runs first, so the report shows them; the merge only once the report is written
        Map<Boolean, List<Action>> acks =
            cp.actions().stream()
                .filter(a -> !(a instanceof Action.Merge))
                .collect(Collectors.partitioningBy(Action.AcknowledgeRequest.class::isInstance));
        actions.execute(acks.get(false), target);
        ReportExtra extra = extensions.planned(repository, fc, cp);
        reporter.report(target, fc, cp, withStarted(own, cp.actions()), snapshot.revision(), extra);
        // A request's answer lives only in the summary once it is acknowledged, so the summary is
        // written first: a crash in between serves the request again, which finds its runs and
        // keeps the recorded answer, instead of acknowledging a request nobody was answered.
        actions.execute(acks.get(true), target);
        memo.remember(fc, own, snapshot.revision(), now);
      } catch (IOException | RuntimeException e) {
        memo.forget(fc.number());
        LOG.errorf(e, "reconcile of %s#%d failed; retrying next pass", repo, fc.number());
      }
    }
    return changed.size();
  }

  private void reconcileBranches(
      ConfigSnapshot snapshot, Forge forge, String repo, ActionExecutor.Target target)
      throws IOException {
    Map<String, String> tips = forge.branches(repo);
    BranchPlanner.BranchPlan plan =
        BranchPlanner.plan(
            snapshot,
            repo,
            watermarks.branches(repo).orElse(null),
            tips,
            watermarks.schedules(repo),
            clock.instant(),
            slots);
    actions.execute(plan.actions(), target);
    watermarks.save(repo, plan.branches(), plan.schedules());
  }

  /**
   * The last pass's inputs and what was derived from them. The forge and the run store hand out the
   * same list while nothing changed, so a pass over an unchanged repository derives nothing again:
   * with 10,000 open changes the sets and maps would otherwise be most of a no-op pass's cost.
   */
  private record Seen(
      List<ForgeChange> open,
      List<RunRecord> runs,
      Set<Long> numbers,
      Map<Long, List<RunRecord>> byChange) {}

  private Seen seen(String repo, List<ForgeChange> open, List<RunRecord> repoRuns) {
    Seen last = lastSeen.get(repo);
    boolean sameOpen = last != null && last.open() == open;
    Set<Long> numbers =
        sameOpen
            ? last.numbers()
            : open.stream().map(ForgeChange::number).collect(Collectors.toSet());
    if (!sameOpen) {
      // closed changes leave the memo and the reporter, so neither outgrows the open changes
      memo(repo).retainOnly(numbers);
      reporter.retain(repo, open);
    }
    Map<Long, List<RunRecord>> runsByChange =
        last != null && last.runs() == repoRuns ? last.byChange() : byChange(repoRuns);
    Seen next = new Seen(open, repoRuns, numbers, runsByChange);
    lastSeen.put(repo, next);
    return next;
  }

  private ChangeMemo memo(String repo) {
    return memos.computeIfAbsent(repo, r -> new ChangeMemo(resync));
  }

  /** The change's runs plus those this plan just created, so the report shows them at once. */
  private List<RunRecord> withStarted(List<RunRecord> own, List<Action> done) throws IOException {
    List<RunRecord> all = new ArrayList<>(own);
    for (Action a : done) {
      if (a instanceof Action.StartRun start) {
        runs.get(start.runId()).ifPresent(all::add);
      }
    }
    return all;
  }

  private static Map<Long, List<RunRecord>> byChange(List<RunRecord> runs) {
    Map<Long, List<RunRecord>> index = new HashMap<>();
    for (RunRecord r : runs) {
      if (r.key().change() > 0) {
        index.computeIfAbsent(r.key().change(), k -> new ArrayList<>()).add(r);
      }
    }
    return index;
  }
}
