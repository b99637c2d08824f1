package dev.ciorchestrator.reconcile;

import dev.ciorchestrator.domain.CommitStatus;
import dev.ciorchestrator.domain.JobStatus;
import dev.ciorchestrator.domain.Names;
import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.forge.Forge;
import dev.ciorchestrator.forge.ForgeChange;
import dev.ciorchestrator.forge.MergeResult;
import dev.ciorchestrator.report.Commands;
import dev.ciorchestrator.report.RunLinks;
import java.io.IOException;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Writes a change's report (statuses, summary comment, the {@code needs-ok-to-test} label) where it
 * differs from what the forge shows, then merges if the plan says so. Only differences are written:
 * on a hosted forge every write is an API call against a rate limit.
 *
 * <p>A refused merge is remembered for the head and base it was tried on, and not tried again until
 * one of them moves: a conflict or a moved head must not turn into a merge attempt on every pass.
 * The summary comment carries that memory ({@link MergeMemory}), so a restart neither tries again
 * nor says "Not merged" twice; the "Not merged" comment is keyed by head and base too, and the
 * forge writes it once per key. A merge the forge can only do later (it is still working out
 * whether it can) is not remembered: the next pass tries again, and nobody is told.
 */
final class ChangeReporter {
  private static final Logger LOG = Logger.getLogger(ChangeReporter.class);

  private record Attempt(String headSha, String baseSha, MergeResult result) {}

  private final RunLinks links;
  private final LoopMetrics metrics;
  private final GateListener gates;
  private final ChangeBoard board;
  private final Clock clock;
  private final Map<String, Attempt> merges = new HashMap<>();
  private final Map<RunRecord, Boolean> reportedBranchRuns = new IdentityHashMap<>();
  private final Map<String, Map<String, CommitStatus>> written = new HashMap<>();

  /**
   * @param board told every report as written, for the web UI
   */
  ChangeReporter(
      RunLinks links, LoopMetrics metrics, GateListener gates, ChangeBoard board, Clock clock) {
    this.links = links;
    this.metrics = metrics;
    this.gates = gates;
    this.board = board;
    this.clock = clock;
  }

  void report(Forge forge, ForgeChange fc, ChangePlan plan, List<RunRecord> runs, String revision)
      throws IOException {
    report(forge, fc, plan, runs, revision, ReportExtra.NONE);
  }

  /** As above, with what {@link RepoExtension}s add to the report. */
  void report(
      Forge forge,
      ForgeChange fc,
      ChangePlan plan,
      List<RunRecord> runs,
      String revision,
      ReportExtra extra)
      throws IOException {
    String repo = plan.change().repo();
    long number = plan.change().number();
    String key = repo + "#" + number;
    Optional<Attempt> last = lastMerge(key, plan, fc);
    ChangeReport report = report(plan, runs, fc, revision, last, extra);
    write(forge, fc, plan, report, revision);
    writeLabels(forge, fc, plan, extra);
    publish(fc, plan, runs, report.summary(), revision);
    Optional<Action.Merge> merge =
        plan.actions().stream()
            .filter(Action.Merge.class::isInstance)
            .map(Action.Merge.class::cast)
            .findFirst();
    if (merge.isEmpty() || last.isPresent()) {
      return;
    }
    Action.Merge m = merge.get();
    MergeResult result = forge.merge(repo, number, m.headSha(), m.method());
    if (result.later()) {
      LOG.infof("%s not merged yet, trying again later: %s", key, result.reason());
      return;
    }
    merges.put(key, new Attempt(m.headSha(), plan.change().baseSha(), result));
    metrics.merged(repo, result);
    if (result.merged()) {
      metrics.changeMerged(repo, plan.change().createdAt());
      LOG.infof("%s merged (%s) as %s", key, m.method().wire(), result.sha());
    } else {
      LOG.warnf("%s not merged: %s", key, result.reason());
      // Keyed by what was tried: a restart forgets `merges` and tries again, and must not say it
      // twice; a new head or base is a new attempt and a new note.
      String note = "not-merged@" + m.headSha() + "@" + plan.change().baseSha();
      forge.comment(repo, number, note, "Not merged: " + result.reason());
    }
    ChangeReport after = report(plan, runs, fc, revision, Optional.of(merges.get(key)), extra);
    forge.upsertSummary(repo, number, after.summary());
    publish(fc, plan, runs, after.summary(), revision);
  }

  private void publish(
      ForgeChange fc, ChangePlan plan, List<RunRecord> runs, String summary, String revision) {
    board.publish(
        new ChangeBoard.Entry(
            fc, plan, ChangeReport.latestOnHead(plan, runs), summary, revision, clock.instant()));
  }

  /** The labels an extension wants, where the change's differ. */
  private static void writeLabels(Forge forge, ForgeChange fc, ChangePlan plan, ReportExtra extra)
      throws IOException {
    for (Map.Entry<String, Boolean> label : extra.labels().entrySet()) {
      if (fc.labels().contains(label.getKey()) != label.getValue()) {
        forge.setLabel(
            plan.change().repo(), plan.change().number(), label.getKey(), label.getValue());
      }
    }
  }

  /** The report, its summary ending with the memory of a refused merge, if there is one. */
  private ChangeReport report(
      ChangePlan plan,
      List<RunRecord> runs,
      ForgeChange fc,
      String revision,
      Optional<Attempt> last,
      ReportExtra extra) {
    ChangeReport report =
        ChangeReport.of(plan, runs, Commands.of(fc), revision, note(last), links, extra);
    Optional<Attempt> refused = last.filter(a -> !a.result().merged());
    if (refused.isEmpty()) {
      return report;
    }
    Attempt a = refused.get();
    String memory = new MergeMemory(a.headSha(), a.baseSha(), a.result().reason()).render();
    return new ChangeReport(report.statuses(), report.summary() + memory);
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
  void reportBranchRuns(Forge forge, List<RunRecord> runs) throws IOException {
    List<RunRecord> pushRuns =
        runs.stream().filter(r -> r.key().change() == 0 && !r.key().sha().isEmpty()).toList();
    Map<RunRecord, Boolean> current = new IdentityHashMap<>();
    pushRuns.forEach(r -> current.put(r, true));
    reportedBranchRuns.keySet().retainAll(current.keySet());
    for (RunRecord r : pushRuns) {
      if (reportedBranchRuns.containsKey(r)) {
        continue;
      }
      forge.setStatus(r.key().repo(), r.key().sha(), ChangeReport.runStatus(r, links));
      reportedBranchRuns.put(r, true);
    }
  }

  /** The last attempt on this head and base: remembered here, or in the summary after a restart. */
  private Optional<Attempt> lastMerge(String key, ChangePlan plan, ForgeChange fc) {
    Attempt a =
        merges.computeIfAbsent(
            key,
            k ->
                MergeMemory.read(fc.summary())
                    .map(
                        m -> new Attempt(m.headSha(), m.baseSha(), MergeResult.refused(m.reason())))
                    .orElse(null));
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

  /**
   * Statuses live on the commit, not the change: two open changes with the same head (one branch
   * into two targets) share them. Each writes only what differs both from the commit and from what
   * it wrote itself last, so they do not overwrite each other on every pass; the commit shows the
   * latest change of either.
   */
  private void write(
      Forge forge, ForgeChange fc, ChangePlan plan, ChangeReport report, String revision)
      throws IOException {
    String repo = plan.change().repo();
    long number = plan.change().number();
    String key = repo + "#" + number + "@" + plan.change().headSha();
    Map<String, CommitStatus> mine = written.computeIfAbsent(key, k -> new HashMap<>());
    for (CommitStatus status : report.statuses().values()) {
      CommitStatus onCommit = fc.statuses().get(status.context());
      if (!status.equals(onCommit) && !status.equals(mine.get(status.context()))) {
        forge.setStatus(repo, plan.change().headSha(), status);
        mine.put(status.context(), status);
        if (status.context().equals(Names.GATE_CONTEXT) && worthTelling(plan, onCommit)) {
          tellGate(plan, revision);
        }
      }
    }
    if (plan.trust().pass() && fc.labels().contains(Names.NEEDS_OK_TO_TEST_LABEL)) {
      forge.setLabel(repo, number, Names.NEEDS_OK_TO_TEST_LABEL, false);
    }
    if (!report.summary().equals(fc.summary())) {
      forge.upsertSummary(repo, number, report.summary());
    }
  }
}
