package dev.ciorchestrator.reconcile;

import dev.ciorchestrator.domain.Change;
import dev.ciorchestrator.domain.ChangeState;
import dev.ciorchestrator.domain.Decision;
import dev.ciorchestrator.domain.JobStatus;
import dev.ciorchestrator.domain.Names;
import dev.ciorchestrator.domain.RunKey;
import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.domain.RunResults;
import dev.ciorchestrator.domain.Trigger;
import dev.ciorchestrator.policy.Bindings;
import dev.ciorchestrator.policy.Bindings.JobView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Plans one change of a configured repository. The steps run in a fixed order because each needs
 * the one before: which jobs are due, whether the change is trusted (trust policies see the jobs),
 * what to abort and start, which requests to serve, and finally the gate.
 */
final class ChangePlanner {
  private final RepoContext repo;
  private final ChangeState state;
  private final Change change;
  private final Attempts attempts;
  private final Instant now;
  private final PlanRules rules;
  private final List<Decision> extraGates;
  private final NeedsCheck needs;
  // Built on first use: a change whose jobs have no `when` and whose repository has no policies
  // needs no bindings at all, and building and converting them is what CEL costs us most.
  private Bindings whenBindings;
  private Bindings policyBindings;
  private Bindings requiredPassedBindings;

  ChangePlanner(
      RepoContext repo,
      ChangeState state,
      List<RunRecord> runs,
      Instant now,
      PlanRules rules,
      List<Decision> extraGates) {
    this.repo = repo;
    this.extraGates = List.copyOf(extraGates);
    this.rules = rules;
    this.state = state;
    this.change = state.change();
    this.attempts = new Attempts(change, runs);
    this.needs = repo.pipelines() ? new NeedsCheck(repo.byName(), attempts) : null;
    this.now = now;
  }

  ChangePlan plan() {
    DueCheck dueCheck = new DueCheck(change, this::whenBindings);
    List<DueCheck.Due> checked = repo.jobs().stream().map(dueCheck::check).toList();
    List<DueCheck.Due> dues = repo.pipelines() ? NeedsCheck.narrow(checked) : checked;
    Decision trust = TrustCheck.decide(repo, state, () -> policyBindings(dues), rules);
    List<Action> actions = new ArrayList<>(supersede());
    if (!trust.pass()) {
      actions.add(
          new Action.RequireOkToTest(
              change.repo(),
              change.number(),
              trust.policy() + ": " + trust.reason() + "; waiting for /ok-to-test"));
    }
    List<JobDecision> jobs = new ArrayList<>();
    for (DueCheck.Due due : dues) {
      jobs.add(decideJob(due, trust.pass(), actions));
    }
    actions.addAll(
        new RequestServer(repo, change, attempts, dueCheck, needs).serve(state.requests(), trust));
    GateDecision gate =
        GateCheck.decide(
            repo,
            trust,
            jobs,
            extraGates,
            () -> policyBindings(dues),
            () -> requiredPassedBindings(dues));
    // A queued branch's changes merge in the queue's batches, never on their own.
    if (gate.pass()
        && repo.repository().autoMerge()
        && !repo.repository().mergeQueue().covers(change.baseRef())) {
      // Last, after every start: a change whose gate passes has nothing left to start anyway.
      actions.add(
          new Action.Merge(
              change.repo(),
              change.number(),
              change.headSha(),
              repo.repository().mergeMethod(),
              "gate passed at " + Names.shortSha(change.headSha())));
    }
    return new ChangePlan(change, trust, jobs, actions, gate);
  }

  /** Runs of this change on an older head SHA that still hold an executor slot. */
  private List<Action> supersede() {
    String reason = "superseded: head moved to " + Names.shortSha(change.headSha());
    return attempts.stale().stream().<Action>map(r -> new Action.AbortRun(r.id(), reason)).toList();
  }

  private JobDecision decideJob(DueCheck.Due due, boolean trusted, List<Action> actions) {
    String name = due.job().name();
    List<String> needed = due.job().needs();
    NeedsCheck.Verdict pipeline = verdict(name);
    if (due.due() && pipeline.holds() && attempts.busy(name).isEmpty()) {
      return new JobDecision(
          name,
          true,
          pipeline.status(),
          due.job().job().required(),
          pipeline.reason(),
          needed,
          true);
    }
    JobStatus status = attempts.status(name, due.due());
    String reason;
    boolean again = pipeline.stale() && attempts.busy(name).isEmpty();
    if (due.due() && trusted && (attempts.latest(name).isEmpty() || again)) {
      RunKey key = attempts.start(name);
      actions.add(firstStart(key, pipeline));
      reason = "starting attempt " + key.attempt();
    } else if (due.due() && trusted && retryable(due.job())) {
      RunRecord failed = attempts.latest(name).orElseThrow();
      RunKey key = attempts.start(name);
      int retry = attempts.errors(name);
      String why =
          "retry %d of %d after an infrastructure error: %s"
              .formatted(retry, due.job().job().retries(), failed.message());
      actions.add(
          new Action.StartRun(key, failed.trigger(), failed.causedBy(), failed.requestId(), why));
      reason = "retrying: attempt " + key.attempt();
    } else {
      reason = notStartedReason(due);
    }
    return new JobDecision(
        name, due.due(), status, due.job().job().required(), reason, needed, false);
  }

  /**
   * A start the plan makes on its own. Below a pipeline, it carries the trigger and author of the
   * newest needed run: a {@code /retest} by bob that re-ran the job above is also what re-runs
   * this.
   */
  private Action.StartRun firstStart(RunKey key, NeedsCheck.Verdict pipeline) {
    String at = " at " + Names.shortSha(change.headSha());
    RunRecord cause = pipeline.cause();
    if (cause == null) {
      String why = "pull request #" + change.number() + at;
      return new Action.StartRun(key, Trigger.PULL_REQUEST, change.author(), "", why);
    }
    String why =
        "needs met: " + cause.key().job() + " passed (attempt " + cause.key().attempt() + ")" + at;
    return new Action.StartRun(key, cause.trigger(), cause.causedBy(), "", why);
  }

  private NeedsCheck.Verdict verdict(String job) {
    return needs == null ? NeedsCheck.Verdict.FREE : needs.verdict(job);
  }

  /** The status CEL and the gate see: the run's, unless the pipeline holds the job back. */
  private JobStatus status(String job, boolean due) {
    NeedsCheck.Verdict pipeline = verdict(job);
    if (due && pipeline.holds() && attempts.busy(job).isEmpty()) {
      return pipeline.status();
    }
    return attempts.status(job, due);
  }

  private boolean retryable(CompiledJob job) {
    return attempts.willRetry(job.name(), job.job().retries());
  }

  private String notStartedReason(DueCheck.Due due) {
    if (!due.due()) {
      return due.reason();
    }
    Optional<RunRecord> run = attempts.latest(due.job().name());
    if (run.isEmpty()) {
      return "waiting for /ok-to-test"; // trusted changes start every due job without a run
    }
    // Attempts, not run ids: an id costs a SHA-256 and the plan would compute one for every job of
    // every change; whoever shows the reason can name the run from the job and attempt.
    RunRecord r = run.get();
    String verb = r.state().terminal() ? "already ran: attempt " : "already started: attempt ";
    return verb + r.key().attempt() + " (" + r.state().wire() + ")";
  }

  private Bindings whenBindings() {
    // `when` decides which jobs are due, so it cannot see their statuses: its `jobs` map is empty.
    if (whenBindings == null) {
      whenBindings = Bindings.of(change, Map.of(), repo.name(), defaultBranch(), now);
    }
    return whenBindings;
  }

  private Bindings policyBindings(List<DueCheck.Due> dues) {
    if (policyBindings == null) {
      policyBindings = bindings(dues, false);
    }
    return policyBindings;
  }

  /** As the policies see it, but with every due required job passed: the gate's what-if. */
  private Bindings requiredPassedBindings(List<DueCheck.Due> dues) {
    if (requiredPassedBindings == null) {
      requiredPassedBindings = bindings(dues, true);
    }
    return requiredPassedBindings;
  }

  private Bindings bindings(List<DueCheck.Due> dues, boolean requiredPassed) {
    Map<String, JobView> views = new LinkedHashMap<>();
    for (DueCheck.Due due : dues) {
      String name = due.job().name();
      boolean required = due.job().job().required();
      JobStatus status =
          requiredPassed && required && due.due() ? JobStatus.SUCCESS : status(name, due.due());
      var quality = due.job().job().quality();
      String tier = quality.tier() == null ? "" : quality.tier().wire();
      RunResults results = attempts.latest(name).map(RunRecord::results).orElse(RunResults.NONE);
      views.put(name, new JobView(status, required, tier, results));
    }
    return Bindings.of(change, views, repo.name(), defaultBranch(), now);
  }

  private String defaultBranch() {
    String branch = repo.repository().defaultBranch();
    return branch == null ? "" : branch;
  }
}
