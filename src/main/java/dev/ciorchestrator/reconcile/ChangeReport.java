package dev.ciorchestrator.reconcile;

import dev.ciorchestrator.domain.CommitStatus;
import dev.ciorchestrator.domain.JobStatus;
import dev.ciorchestrator.domain.Names;
import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.report.Commands;
import dev.ciorchestrator.report.RunLinks;
import dev.ciorchestrator.run.ControllerMemory;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a change should show on its forge after a plan: a {@code ci/<job>} status per job that is
 * due or ran, {@code ci/gate} with its explanation, and the summary comment. A pure function of the
 * plan and the runs, with no timestamps in it, so an unchanged change renders the same report and
 * the reporter writes nothing.
 *
 * @param statuses by context, jobs in config order, the gate last
 */
public record ChangeReport(Map<String, CommitStatus> statuses, String summary) {
  public ChangeReport {
    statuses = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(statuses));
    Objects.requireNonNull(summary, "summary");
  }

  /**
   * @param runs the change's run records (any head); only the head's latest attempts are shown
   * @param commands what the summary says about commands besides the plan's answers
   * @param mergeNote what the last merge attempt on this head did; empty if none
   */
  public static ChangeReport of(
      ChangePlan plan,
      List<RunRecord> runs,
      Commands commands,
      String configRevision,
      String mergeNote,
      RunLinks links) {
    return of(plan, runs, commands, configRevision, mergeNote, links, ReportExtra.NONE);
  }

  /** As above, with what features beside the planner add: their statuses before the gate's. */
  public static ChangeReport of(
      ChangePlan plan,
      List<RunRecord> runs,
      Commands commands,
      String configRevision,
      String mergeNote,
      RunLinks links,
      ReportExtra extra) {
    return of(plan, runs, commands, configRevision, mergeNote, links, extra, List.of());
  }

  /**
   * As above, with the answers the store remembers told on the change's head ({@link
   * dev.ciorchestrator.run.ControllerMemory}); the plan's newly served answers are added to them.
   */
  static ChangeReport of(
      ChangePlan plan,
      List<RunRecord> runs,
      Commands commands,
      String configRevision,
      String mergeNote,
      RunLinks links,
      ReportExtra extra,
      List<ControllerMemory.ToldAnswer> remembered) {
    Map<String, RunRecord> latest = latestOnHead(plan, runs);
    Map<String, CommitStatus> statuses = new LinkedHashMap<>();
    for (JobDecision job : plan.jobs()) {
      Optional<RunRecord> run = Optional.ofNullable(latest.get(job.job()));
      jobStatus(job, run, plan.trust().pass(), links).ifPresent(s -> statuses.put(s.context(), s));
    }
    extra.statuses().forEach(s -> statuses.put(s.context(), s));
    statuses.put(Names.GATE_CONTEXT, gateStatus(plan));
    String summary =
        SummaryComment.render(
            plan,
            latest,
            AnswerLedger.lines(AnswerLedger.told(plan, remembered), commands),
            commands,
            configRevision,
            mergeNote,
            links,
            extra.sections());
    return new ChangeReport(statuses, summary);
  }

  /** The latest attempt of each job on the change's head SHA, by job. */
  public static Map<String, RunRecord> latestOnHead(ChangePlan plan, List<RunRecord> runs) {
    return latestOnHead(plan.change().number(), plan.change().headSha(), runs);
  }

  /** The latest attempt of each job of change {@code number} on {@code head}, by job. */
  public static Map<String, RunRecord> latestOnHead(
      long number, String head, List<RunRecord> runs) {
    Map<String, RunRecord> latest = new HashMap<>();
    for (RunRecord r : RunsOfChange.of(number, runs)) {
      if (r.key().sha().equals(head)) {
        latest.merge(r.key().job(), r, (a, b) -> a.key().attempt() >= b.key().attempt() ? a : b);
      }
    }
    return latest;
  }

  /**
   * No status for a job that is not due and never ran (a docs-only change shows no Go jobs), nor
   * for an untrusted change's jobs: nothing runs until {@code /ok-to-test}, as the gate says.
   */
  static Optional<CommitStatus> jobStatus(
      JobDecision job, Optional<RunRecord> run, boolean trusted, RunLinks links) {
    String context = Names.statusContext(job.job());
    if (job.held() && trusted) {
      // below a failed job it is not green; while it waits, it is pending like a queued run
      CommitStatus.State state =
          job.status() == JobStatus.SKIPPED
              ? CommitStatus.State.FAILURE
              : CommitStatus.State.PENDING;
      return Optional.of(new CommitStatus(context, state, job.reason(), ""));
    }
    if (run.isEmpty()) {
      if (!job.due() || !trusted) {
        return Optional.empty();
      }
      return Optional.of(new CommitStatus(context, CommitStatus.State.PENDING, "starting", ""));
    }
    return Optional.of(runStatus(run.get(), links));
  }

  /**
   * The {@code ci/<job>} status a run shows, wherever it reports: on a change's head, or on a
   * pushed commit for a postsubmit.
   */
  public static CommitStatus runStatus(RunRecord r, RunLinks links) {
    String context = Names.statusContext(r.key().job());
    String url = links.page(r.id());
    String attempt = r.key().attempt() > 1 ? " (attempt " + r.key().attempt() + ")" : "";
    return switch (r.state()) {
      case PENDING ->
          new CommitStatus(context, CommitStatus.State.PENDING, "queued" + attempt, url);
      case RUNNING ->
          new CommitStatus(context, CommitStatus.State.PENDING, "running" + attempt, url);
      case SUCCESS ->
          new CommitStatus(context, CommitStatus.State.SUCCESS, "passed" + attempt, url);
      case FAILURE ->
          new CommitStatus(context, CommitStatus.State.FAILURE, "failed: " + r.message(), url);
      case ERROR ->
          new CommitStatus(context, CommitStatus.State.ERROR, "error: " + r.message(), url);
      case ABORTED ->
          new CommitStatus(context, CommitStatus.State.ERROR, "aborted: " + r.message(), url);
    };
  }

  /**
   * A blocked gate is {@code pending}, not {@code failure}: a new change that only waits for review
   * is not broken (Prow's tide reports the same way).
   */
  static CommitStatus gateStatus(ChangePlan plan) {
    if (plan.gate().pass()) {
      return new CommitStatus(Names.GATE_CONTEXT, CommitStatus.State.SUCCESS, "passed", "");
    }
    return new CommitStatus(
        Names.GATE_CONTEXT, CommitStatus.State.PENDING, "blocked: " + plan.gate().summary(), "");
  }

  /** How a job status reads in the summary table. */
  static String label(JobStatus status) {
    return switch (status) {
      case SUCCESS -> "✅ success";
      case FAILURE -> "❌ failure";
      case ERROR -> "⚠️ error";
      case ABORTED -> "⛔ aborted";
      case RUNNING -> "🔄 running";
      case PENDING -> "⏳ pending";
      case MISSING -> "⏳ starting";
      case SKIPPED -> "➖ skipped";
    };
  }
}
