package dev.ciorchestrator.reconcile;

import dev.ciorchestrator.domain.CommitStatus;
import dev.ciorchestrator.domain.Names;
import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.forge.ForgeChange;
import dev.ciorchestrator.forge.MergeResult;
import dev.ciorchestrator.report.RunLinks;
import dev.ciorchestrator.run.ControllerMemory.MergeRefusal;
import dev.ciorchestrator.run.ControllerMemory.ToldAnswer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Decides what a forge must be told so that a change shows its {@link ChangeReport}: only what
 * differs, because on a hosted forge every write is an API call against a rate limit. Pure: the
 * same inputs give the same actions, each with its reason, and {@link ActionExecutor} carries them
 * out.
 */
final class ReportPlanner {
  private ReportPlanner() {}

  /**
   * The writes that bring the change in line with {@code report}, then the plan's merge unless it
   * was tried on this head and base already.
   *
   * @param written the statuses this controller last wrote for the change's head, by context: two
   *     changes with one head share the commit's statuses, and each writing only what differs from
   *     its own last write keeps them from overwriting each other on every pass
   * @param mergeTried a merge of this head onto this base was tried already
   */
  static List<Action> writes(
      ChangePlan plan,
      ChangeReport report,
      ForgeChange fc,
      Map<String, CommitStatus> written,
      ReportExtra extra,
      boolean mergeTried) {
    String repo = plan.change().repo();
    long number = plan.change().number();
    List<Action> out = new ArrayList<>();
    for (CommitStatus status : report.statuses().values()) {
      CommitStatus onCommit = fc.statuses().get(status.context());
      if (!status.equals(onCommit) && !status.equals(written.get(status.context()))) {
        out.add(new Action.SetStatus(repo, plan.change().headSha(), status, was(onCommit)));
      }
    }
    if (plan.trust().pass() && fc.labels().contains(Names.NEEDS_OK_TO_TEST_LABEL)) {
      out.add(
          new Action.SetLabel(
              repo,
              number,
              Names.NEEDS_OK_TO_TEST_LABEL,
              false,
              "the change may run now: " + plan.trust().reason()));
    }
    if (!report.summary().equals(fc.summary())) {
      String why = fc.summary().isEmpty() ? "the change has no summary yet" : "the summary changed";
      out.add(new Action.UpsertSummary(repo, number, report.summary(), why));
    }
    // sorted: the same labels are written in the same order on every forge and every pass
    for (Map.Entry<String, Boolean> label : new TreeMap<>(extra.labels()).entrySet()) {
      if (fc.labels().contains(label.getKey()) != label.getValue()) {
        String why = label.getValue() ? "the report wants it on" : "the report wants it off";
        out.add(new Action.SetLabel(repo, number, label.getKey(), label.getValue(), why));
      }
    }
    if (!mergeTried) {
      merge(plan).ifPresent(out::add);
    }
    return out;
  }

  /**
   * What follows a merge the forge refused: the refusal remembered in the store, a note keyed by
   * what was tried (a restart that forgot the attempt tries again, and must not say it twice; a new
   * head or base is a new attempt and a new note), and the summary that now tells of the refusal.
   */
  static List<Action> afterMerge(
      ChangePlan plan, Action.Merge merge, MergeResult result, ChangeReport after) {
    String repo = plan.change().repo();
    long number = plan.change().number();
    List<Action> out = new ArrayList<>();
    if (!result.merged()) {
      out.add(
          new Action.RememberRefusal(
              repo,
              number,
              new MergeRefusal(merge.headSha(), plan.change().baseSha(), result.reason()),
              "the forge refused the merge: not tried again on this head and base"));
      String key = "not-merged@" + merge.headSha() + "@" + plan.change().baseSha();
      out.add(
          new Action.Comment(
              repo, number, key, "Not merged: " + result.reason(), "the forge refused the merge"));
    }
    out.add(new Action.UpsertSummary(repo, number, after.summary(), "the merge was tried"));
    return out;
  }

  /**
   * What the store must remember before the report is written and the plan's requests are
   * acknowledged: the answers this plan tells for the first time, and what an older summary's
   * markers remember that the store does not (read once after an upgrade, then written into the
   * store, so the summary that drops the markers loses nothing).
   */
  static List<Action> remember(ChangePlan plan, Recall recall) {
    String repo = plan.change().repo();
    long number = plan.change().number();
    List<Action> out = new ArrayList<>();
    for (ToldAnswer a : recall.imported()) {
      out.add(
          new Action.RememberAnswer(repo, number, a, "the summary remembers it, the store not"));
    }
    Set<String> known = new HashSet<>();
    recall.answers().forEach(a -> known.add(a.key()));
    for (ToldAnswer a : AnswerLedger.served(plan)) {
      if (known.add(a.key())) {
        out.add(new Action.RememberAnswer(repo, number, a, "the request is answered now"));
      }
    }
    if (recall.refusalImported()) {
      out.add(
          new Action.RememberRefusal(
              repo,
              number,
              recall.refusal().orElseThrow(),
              "the summary remembers it, the store not"));
    }
    return out;
  }

  /** The {@code ci/<job>} status of each push run, on its pushed commit. */
  static List<Action> branchStatuses(List<RunRecord> runs, RunLinks links) {
    return runs.stream()
        .<Action>map(
            r ->
                new Action.SetStatus(
                    r.key().repo(),
                    r.key().sha(),
                    ChangeReport.runStatus(r, links),
                    "run " + r.id() + " is " + r.state().wire()))
        .toList();
  }

  static Optional<Action.Merge> merge(ChangePlan plan) {
    return plan.actions().stream()
        .filter(Action.Merge.class::isInstance)
        .map(Action.Merge.class::cast)
        .findFirst();
  }

  private static String was(CommitStatus onCommit) {
    return onCommit == null
        ? "the commit has no such status yet"
        : "the commit shows " + onCommit.state().wire() + ": " + onCommit.description();
  }
}
