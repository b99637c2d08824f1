package dev.ciorchestrator.web.ui;

import java.util.List;

/**
 * A change's page: where it stands, every rule's decision, its jobs, the commands it received, the
 * summary the forge got, and every head it had with the runs on each.
 *
 * @param state {@code open}, {@code merged} or {@code closed}, as far as known
 * @param reconciled the loop has published a plan for it (an open change on the leader)
 * @param local the change is on the embedded forge, so its conversation shows and a logged-in user
 *     can ask for a rerun here
 * @param heads newest first; the first is the current head when the change is open
 */
public record ChangeView(
    String repo,
    long number,
    String href,
    String title,
    String author,
    String source,
    String target,
    String head,
    String state,
    List<String> labels,
    List<String> approvals,
    boolean reconciled,
    boolean local,
    Badge gate,
    List<DecisionLine> decisions,
    List<JobLine> jobs,
    List<CommandLine> commands,
    List<CommentLine> comments,
    String summary,
    String config,
    String configSha,
    String planned,
    List<HeadGroup> heads) {
  public ChangeView {
    labels = List.copyOf(labels);
    approvals = List.copyOf(approvals);
    decisions = List.copyOf(decisions);
    jobs = List.copyOf(jobs);
    commands = List.copyOf(commands);
    comments = List.copyOf(comments);
    heads = List.copyOf(heads);
  }

  /** One rule's decision: the trust check, {@code required-jobs}, or a gate policy. */
  public record DecisionLine(String policy, Badge badge, String reason) {}

  /**
   * A job of the change's repository at the current head.
   *
   * @param runHref the latest attempt's page; empty without a run
   */
  public record JobLine(
      String job,
      Badge badge,
      boolean required,
      String reason,
      String runHref,
      String attempt,
      String took,
      String historyHref) {}

  /**
   * A command: {@code what} as asked ({@code /test unit}), who asked, and what came of it.
   *
   * @param runHref the run it started; empty if none
   */
  public record CommandLine(String what, String by, String outcome, String runHref) {}

  /** A comment of the conversation (embedded forge only). */
  public record CommentLine(String author, String at, String body, boolean bot) {}

  /** A head the change had, with the runs on it; {@code current} unless superseded. */
  public record HeadGroup(String sha, String shaShort, boolean current, List<RunLine> runs) {
    public HeadGroup {
      runs = List.copyOf(runs);
    }
  }

  /** A run in a list. */
  public record RunLine(
      String href,
      String id,
      String job,
      int attempt,
      Badge badge,
      String trigger,
      String causedBy,
      String queued,
      String took,
      String message) {}
}
