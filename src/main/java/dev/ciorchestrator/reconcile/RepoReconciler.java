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
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * One reconcile pass over one repository: read the forge and the runs, plan the changes whose
 * inputs moved, act, report, merge; then postsubmits and schedules. Passes over different
 * repositories may run at once (all state kept here is per repository); passes over one repository
 * must not overlap, which the {@link ReconcileLoop} ensures.
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
  private final Map<String, ChangeMemo> memos = new ConcurrentHashMap<>();
  private final Map<String, CarryOver> carried = new ConcurrentHashMap<>();
  private final PolicyMemo verdicts = new PolicyMemo(PolicyMemo.DEFAULT_CAPACITY);
  private final Set<String> recovered = ConcurrentHashMap.newKeySet();
  private final Map<String, Seen> lastSeen = new ConcurrentHashMap<>();
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
   * What one pass did.
   *
   * @param planned changes planned (the others were unchanged, or carried over)
   * @param carried changes whose inputs moved but that the pass had no budget left to plan: the
   *     repository's next pass plans them first
   * @param times where the pass's time went, to tell what a spent budget was spent on
   */
  public record Outcome(int planned, int carried, PassTimes times) {}

  /**
   * Reconciles {@code repository}, planning every change whose inputs moved. A failure of one
   * change is logged and retried next pass; the other changes go on.
   *
   * @return how many changes were planned (the rest were unchanged)
   * @throws IOException if the forge cannot be read at all
   */
  public int reconcile(ConfigSnapshot snapshot, Repository repository) throws IOException {
    return reconcile(snapshot, repository, PassBudget.unlimited()).planned();
  }

  /**
   * As {@link #reconcile(ConfigSnapshot, Repository)}, planning changes only while {@code budget}
   * lasts (at least one); the rest carry over to the next pass. Branches, schedules and extensions
   * are not budgeted: they do not evaluate policies.
   */
  public Outcome reconcile(ConfigSnapshot snapshot, Repository repository, PassBudget budget)
      throws IOException {
    String repo = repository.name();
    long begin = budget.now();
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
      PassTimes.Policies spentOnPolicies = new PassTimes.Policies(policies);
      Scope scope =
          new Scope(
              snapshot,
              forge,
              repository,
              checkout,
              inputs.byChange(),
              clock.instant(),
              spentOnPolicies);
      long planning = budget.now();
      Outcome changes = reconcileChanges(scope, open, budget.fromNow());
      PassTimes times = spentOnPolicies.times(planning - begin, budget.now() - planning);
      int planned = changes.planned() + extend(snapshot, forge, repository, checkout, open);
      reconcileBranches(snapshot, forge, repo, repoTarget);
      actions.execute(PipelineFollower.follow(snapshot, repo, repoRuns), repoTarget);
      reporter.reportBranchRuns(repoTarget, repoRuns);
      return new Outcome(planned, changes.carried(), times);
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
    // so its last status and summary say how it left. Only those: the changes this pass carried
    // over stay carried over.
    List<ForgeChange> again = open.stream().filter(fc -> touched.contains(fc.number())).toList();
    Scope scope =
        new Scope(
            snapshot,
            forge,
            repository,
            checkout,
            byChange(runs.forRepo(repo)),
            clock.instant(),
            policies);
    return planWithin(PassBudget.unlimited(), scope, changed(scope, again));
  }

  /** What every change planned in one go shares. */
  private record Scope(
      ConfigSnapshot snapshot,
      Forge forge,
      Repository repository,
      Path checkout,
      Map<Long, List<RunRecord>> runsByChange,
      Instant now,
      PolicyObserver policies) {
    List<RunRecord> own(ForgeChange fc) {
      return runsByChange.getOrDefault(fc.number(), List.of());
    }
  }

  private Outcome reconcileChanges(Scope scope, List<ForgeChange> open, PassBudget budget) {
    CarryOver carry = carried.computeIfAbsent(scope.repository().name(), r -> new CarryOver());
    List<ForgeChange> order = carry.order(changed(scope, open));
    int done = planWithin(budget, scope, order);
    carry.keep(order.subList(done, order.size()));
    return new Outcome(done, order.size() - done, PassTimes.NONE);
  }

  /** The changes whose inputs moved since their last plan (or that are due a resync). */
  private List<ForgeChange> changed(Scope scope, List<ForgeChange> open) {
    ChangeMemo memo = memo(scope.repository().name());
    String revision = scope.snapshot().revision();
    return open.stream()
        .filter(fc -> !memo.unchanged(fc, scope.own(fc), revision, scope.now()))
        .toList();
  }

  /**
   * Plans and acts on {@code order} from its start, a chunk at a time while {@code budget} lasts.
   *
   * @return how many of {@code order} were planned
   */
  private int planWithin(PassBudget budget, Scope scope, List<ForgeChange> order) {
    int done = 0;
    int chunk = 0;
    while (done < order.size() && (done == 0 || !budget.spent())) {
      chunk = budget.nextChunk(done, chunk);
      int end = (int) Math.min(order.size(), (long) done + chunk);
      plan(scope, order.subList(done, end));
      done = end;
    }
    return done;
  }

  private void plan(Scope scope, List<ForgeChange> changed) {
    ConfigSnapshot snapshot = scope.snapshot();
    Forge forge = scope.forge();
    Repository repository = scope.repository();
    Path checkout = scope.checkout();
    Instant now = scope.now();
    String repo = repository.name();
    ChangeMemo memo = memo(repo);
    List<ChangeState> states = changed.stream().map(ForgeChange::state).toList();
    List<RunRecord> planRuns = new ArrayList<>();
    changed.forEach(fc -> planRuns.addAll(scope.own(fc)));
    Map<Long, ForgeChange> byNumber = new HashMap<>();
    changed.forEach(fc -> byNumber.put(fc.number(), fc));
    Map<Long, List<Decision>> extraGates = extensions.gates(snapshot, repository, changed);
    Plan plan =
        Planner.plan(
            snapshot,
            states,
            planRuns,
            now,
            scope.policies(),
            rules,
            c -> extraGates.getOrDefault(c.number(), List.of()),
            verdicts);
    for (ChangePlan cp : plan.changes()) {
      ForgeChange fc = byNumber.get(cp.change().number());
      try {
        ActionExecutor.Target target =
            new ActionExecutor.Target(snapshot, forge, repo, cp.change(), checkout);
        List<RunRecord> own = scope.own(fc);
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
