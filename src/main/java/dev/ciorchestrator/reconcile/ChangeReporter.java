package dev.ciorchestrator.reconcile;

import dev.ciorchestrator.domain.CommitStatus;
import dev.ciorchestrator.domain.JobStatus;
import dev.ciorchestrator.domain.Names;
import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.forge.ForgeChange;
import dev.ciorchestrator.forge.MergeResult;
import dev.ciorchestrator.report.Commands;
import dev.ciorchestrator.report.RunLinks;
import dev.ciorchestrator.run.ControllerMemory;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Keeps a change's report (statuses, summary comment, labels) in line with its plan, then merges if
 * the plan says so. It decides nothing itself: {@link ReportPlanner} says what to write and why,
 * {@link ActionExecutor} writes it; this holds what the passes remember in between.
 *
 * <p>A refused merge is remembered for the head and base it was tried on, and not tried again until
 * one of them moves: a conflict or a moved head must not turn into a merge attempt on every pass.
 * The store remembers it ({@link ControllerMemory}, written as an action), so a restart or a
 * failover neither tries again nor says "Not merged" twice; the "Not merged" comment is keyed by
 * head and base too, and the forge writes it once per key. A merge the forge can only do later (it
 * is still working out whether it can) is not remembered: the next pass tries again, and nobody is
 * told.
 */
final class ChangeReporter {
  private static final Logger LOG = Logger.getLogger(ChangeReporter.class);

  private record Attempt(String headSha, String baseSha, MergeResult result) {}

  private final RunLinks links;
  private final LoopMetrics metrics;
  private final GateListener gates;
  private final ChangeBoard board;
  private final ActionExecutor actions;
  private final ControllerMemory memory;
  private final Clock clock;
  // Concurrent, and keyed by repository first: passes over different repositories run at once.
  private final Map<String, Attempt> merges = new ConcurrentHashMap<>();
  private final Map<String, Map<RunRecord, Boolean>> reportedBranchRuns = new ConcurrentHashMap<>();
  private final Map<String, Map<String, CommitStatus>> written = new ConcurrentHashMap<>();

  /**
   * @param board told every report as written, for the web UI
   * @param actions carries out every write the report needs
   * @param memory what the controller told and which merges were refused; read here, written by
   *     {@code actions}
   */
  ChangeReporter(
      RunLinks links,
      LoopMetrics metrics,
      GateListener gates,
      ChangeBoard board,
      ActionExecutor actions,
      ControllerMemory memory,
      Clock clock) {
    this.links = links;
    this.metrics = metrics;
    this.gates = gates;
    this.board = board;
    this.actions = actions;
    this.memory = memory;
    this.clock = clock;
  }

  /** Reports the change, with what {@link RepoExtension}s add, then merges if the plan says so. */
  void report(
      ActionExecutor.Target target,
      ForgeChange fc,
      ChangePlan plan,
      List<RunRecord> runs,
      String revision,
      ReportExtra extra)
      throws IOException {
    String key = plan.change().repo() + "#" + plan.change().number();
    Recall recall = Recall.of(memory, plan.change(), fc.summary());
    Optional<Attempt> last = lastMerge(key, plan, recall);
    ChangeReport report = report(plan, runs, fc, revision, last, extra, recall);
    Map<String, CommitStatus> mine =
        written.computeIfAbsent(key + "@" + plan.change().headSha(), k -> new HashMap<>());
    // remembered first: once the summary shows an answer, the store must not forget it
    List<Action> writes = new ArrayList<>(ReportPlanner.remember(plan, recall));
    writes.addAll(
        ReportPlanner.writes(plan, report, fc, Map.copyOf(mine), extra, last.isPresent()));
    ActionExecutor.Executed done = actions.execute(writes, target);
    for (Action a : done.done()) {
      if (a instanceof Action.SetStatus s) {
        mine.put(s.status().context(), s.status());
        CommitStatus onCommit = fc.statuses().get(s.status().context());
        if (s.status().context().equals(Names.GATE_CONTEXT) && worthTelling(plan, onCommit)) {
          tellGate(plan, revision);
        }
      }
    }
    publish(fc, plan, runs, report.summary(), revision);
    for (Map.Entry<Action.Merge, MergeResult> merge : done.merges().entrySet()) {
      merged(target, fc, plan, runs, revision, extra, recall, merge.getKey(), merge.getValue());
    }
  }

  /** Remembers and tells what a merge did; a refusal is remembered in the store and noted. */
  private void merged(
      ActionExecutor.Target target,
      ForgeChange fc,
      ChangePlan plan,
      List<RunRecord> runs,
      String revision,
      ReportExtra extra,
      Recall recall,
      Action.Merge m,
      MergeResult result)
      throws IOException {
    String repo = plan.change().repo();
    String key = repo + "#" + plan.change().number();
    if (result.later()) {
      LOG.infof("%s not merged yet, trying again later: %s", key, result.reason());
      return;
    }
    Attempt attempt = new Attempt(m.headSha(), plan.change().baseSha(), result);
    merges.put(key, attempt);
    metrics.merged(repo, result);
    if (result.merged()) {
      metrics.changeMerged(repo, plan.change().createdAt());
      LOG.infof("%s merged (%s) as %s", key, m.method().wire(), result.sha());
    } else {
      LOG.warnf("%s not merged: %s", key, result.reason());
    }
    ChangeReport after = report(plan, runs, fc, revision, Optional.of(attempt), extra, recall);
    actions.execute(ReportPlanner.afterMerge(plan, m, result, after), target);
    publish(fc, plan, runs, after.summary(), revision);
  }

  private void publish(
      ForgeChange fc, ChangePlan plan, List<RunRecord> runs, String summary, String revision) {
    board.publish(
        new ChangeBoard.Entry(
            fc, plan, ChangeReport.latestOnHead(plan, runs), summary, revision, clock.instant()));
  }

  /** The report, with the merge note and the answers remembered. */
  private ChangeReport report(
      ChangePlan plan,
      List<RunRecord> runs,
      ForgeChange fc,
      String revision,
      Optional<Attempt> last,
      ReportExtra extra,
      Recall recall) {
    return ChangeReport.of(
        plan, runs, Commands.of(fc), revision, note(last), links, extra, recall.answers());
  }

  /** Forgets what concerns changes of {@code repo} that are not open (any more) at these heads. */
  void retain(String repo, List<ForgeChange> open) {
    Set<String> heads = new HashSet<>();
    Set<String> numbers = new HashSet<>();
    for (ForgeChange fc : open) {
      heads.add(repo + "#" + fc.number() + "@" + fc.state().change().headSha());
      numbers.add(repo + "#" + fc.number());
    }
    String prefix = repo + "#";
    written.keySet().removeIf(k -> k.startsWith(prefix) && !heads.contains(k));
    merges.keySet().removeIf(k -> k.startsWith(prefix) && !numbers.contains(k));
    board.retain(repo, open.stream().map(ForgeChange::number).collect(Collectors.toSet()));
  }

  /** Statuses and results of push runs, on the pushed commit; each record state once. */
  void reportBranchRuns(ActionExecutor.Target target, List<RunRecord> runs) throws IOException {
    Map<RunRecord, Boolean> reported =
        reportedBranchRuns.computeIfAbsent(target.repo(), r -> new IdentityHashMap<>());
    Map<RunRecord, Boolean> current = new IdentityHashMap<>();
    List<RunRecord> unreported = new ArrayList<>();
    for (RunRecord r : runs) {
      if (r.key().change() == 0 && !r.key().sha().isEmpty()) {
        current.put(r, true);
        if (!reported.containsKey(r)) {
          unreported.add(r);
        }
      }
    }
    reported.keySet().retainAll(current.keySet());
    List<Action> statuses = ReportPlanner.branchStatuses(unreported, links);
    for (int i = 0; i < statuses.size(); i++) {
      // one at a time: a status that fails is tried again next pass, the ones before it are not
      actions.execute(List.of(statuses.get(i)), target);
      reported.put(unreported.get(i), true);
    }
  }

  /**
   * The last attempt on this head and base: remembered here in this term, or in the store (a
   * refusal before a restart or by the previous leader).
   */
  private Optional<Attempt> lastMerge(String key, ChangePlan plan, Recall recall) {
    Attempt a = merges.get(key);
    if (a == null) {
      a =
          recall
              .refusal()
              .map(r -> new Attempt(r.headSha(), r.baseSha(), MergeResult.refused(r.reason())))
              .orElse(null);
    }
    if (a == null
        || !a.headSha.equals(plan.change().headSha())
        || !a.baseSha.equals(plan.change().baseSha())) {
      merges.remove(key);
      return Optional.empty();
    }
    return Optional.of(a);
  }

  private static String note(Optional<Attempt> attempt) {
    return attempt
        .map(
            a ->
                a.result.merged()
                    ? "merged as " + Names.shortSha(a.result.sha())
                    : "not merged: " + a.result.reason())
        .orElse("");
  }

  /**
   * The console and the metrics tell of the gate when it flips, or when it settles (no job left to
   * wait for) on a new reason; its steps while jobs run would only be noise.
   */
  private static boolean worthTelling(ChangePlan plan, CommitStatus before) {
    boolean flipped =
        before == null || (before.state() == CommitStatus.State.SUCCESS) != plan.gate().pass();
    boolean settled =
        plan.jobs().stream()
            .noneMatch(
                j ->
                    j.due()
                        && (j.status() == JobStatus.MISSING
                            || j.status() == JobStatus.PENDING
                            || j.status() == JobStatus.RUNNING));
    return flipped || settled;
  }

  /** The full text, not the status's cut one. */
  private void tellGate(ChangePlan plan, String revision) {
    LOG.infof(
        "%s#%d gate %s",
        plan.change().repo(),
        plan.change().number(),
        plan.gate().pass() ? "passed" : "blocked: " + plan.gate().summary());
    metrics.gateDecided(plan.change().repo(), plan.gate());
    gates.gateChanged(plan.change(), plan.gate(), revision);
  }
}
