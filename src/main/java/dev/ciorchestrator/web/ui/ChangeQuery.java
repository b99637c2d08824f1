package dev.ciorchestrator.web.ui;

import dev.ciorchestrator.domain.Answer;
import dev.ciorchestrator.domain.Change;
import dev.ciorchestrator.domain.ChangeState.JobRequest;
import dev.ciorchestrator.domain.Decision;
import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.domain.Trigger;
import dev.ciorchestrator.forge.ForgeChange;
import dev.ciorchestrator.forge.command.Comment;
import dev.ciorchestrator.forge.local.LocalChange;
import dev.ciorchestrator.forge.local.LocalForge;
import dev.ciorchestrator.reconcile.Action;
import dev.ciorchestrator.reconcile.ChangeBoard;
import dev.ciorchestrator.reconcile.JobDecision;
import dev.ciorchestrator.web.ui.ChangeView.CommandLine;
import dev.ciorchestrator.web.ui.ChangeView.CommentLine;
import dev.ciorchestrator.web.ui.ChangeView.DecisionLine;
import dev.ciorchestrator.web.ui.ChangeView.HeadGroup;
import dev.ciorchestrator.web.ui.ChangeView.JobLine;
import dev.ciorchestrator.web.ui.ChangeView.RunLine;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Builds a change's page from what the loop published (the plan, when the change is open and this
 * replica reconciles), the run store (every head's runs) and, on the embedded forge, the stored
 * change (its conversation; a closed change too).
 */
final class ChangeQuery {
  /**
   * What is known of one change; at least one of the three.
   *
   * @param board what the loop published; null when it published nothing (closed, a follower)
   * @param stored the embedded forge's change; null on another forge
   */
  record Sources(ChangeBoard.Entry board, List<RunRecord> runs, LocalChange stored) {
    Optional<ChangeBoard.Entry> entry() {
      return Optional.ofNullable(board);
    }

    Optional<LocalChange> local() {
      return Optional.ofNullable(stored);
    }
  }

  private ChangeQuery() {}

  static ChangeView build(String repo, long number, Sources in, String bot, Instant now) {
    Optional<ChangeBoard.Entry> entry = in.entry();
    Optional<Change> planned = entry.map(e -> e.plan().change());
    Optional<LocalChange> local = in.local();
    String head = planned.map(Change::headSha).or(() -> local.map(LocalChange::headSha)).orElse("");
    Map<String, Comment> comments = new LinkedHashMap<>();
    local.ifPresent(l -> l.comments().forEach(c -> comments.put(c.id(), c)));
    return new ChangeView(
        repo,
        number,
        HomeQuery.changeHref(repo, number),
        planned.map(Change::title).or(() -> local.map(LocalChange::title)).orElse(""),
        planned.map(Change::author).or(() -> local.map(LocalChange::author)).orElse(""),
        planned.map(Change::headRef).or(() -> local.map(LocalChange::sourceBranch)).orElse(""),
        planned.map(Change::baseRef).or(() -> local.map(LocalChange::targetBranch)).orElse(""),
        head,
        local
            .map(l -> l.state().name().toLowerCase(Locale.ROOT))
            .orElse(entry.isPresent() ? "open" : ""),
        planned.map(Change::labels).or(() -> local.map(LocalChange::labels)).orElse(List.of()),
        planned.map(Change::approvals).orElse(List.of()),
        entry.isPresent(),
        local.isPresent(),
        entry.map(e -> Badge.gate(e.plan().gate().pass())).orElse(Badge.UNKNOWN),
        entry.map(ChangeQuery::decisions).orElse(List.of()),
        entry.map(e -> jobs(e, now)).orElse(List.of()),
        commands(in, comments),
        conversation(in, bot),
        entry.map(ChangeBoard.Entry::summary).orElse(""),
        entry.map(e -> Format.sha(e.configRevision())).orElse(""),
        entry.map(ChangeBoard.Entry::configRevision).orElse(""),
        entry.map(e -> Format.time(e.plannedAt())).orElse(""),
        heads(in.runs(), head, now));
  }

  /** Why it may run (when it may), then each gate decision; a failed trust is among the latter. */
  static List<DecisionLine> decisions(ChangeBoard.Entry e) {
    List<DecisionLine> lines = new ArrayList<>();
    Decision trust = e.plan().trust();
    if (trust.pass()) {
      lines.add(line(trust));
    }
    e.plan().gate().decisions().forEach(d -> lines.add(line(d)));
    return lines;
  }

  private static DecisionLine line(Decision d) {
    return new DecisionLine(d.policy(), Badge.decision(d.pass()), d.reason());
  }

  static List<JobLine> jobs(ChangeBoard.Entry e, Instant now) {
    List<JobLine> lines = new ArrayList<>();
    for (JobDecision j : e.plan().jobs()) {
      RunRecord run = e.latest().get(j.job());
      lines.add(
          new JobLine(
              j.job(),
              run == null ? Badge.of(j.status()) : Badge.of(run.state()),
              j.required() && j.due(),
              j.reason(),
              run == null ? "" : "/runs/" + run.id(),
              run == null ? "" : String.valueOf(run.key().attempt()),
              run == null ? "" : Format.took(run.startedAt(), run.finishedAt(), now),
              "/jobs/" + j.job()));
    }
    return lines;
  }

  /**
   * The commands and their answers. The plan on the board answered every request it saw (its
   * acknowledgements say what each did); earlier requests show by the runs they started (a run
   * carries its request's id); every other command with the fold's answer (done, nothing to do,
   * refused), and the notes on approvals that do not count. On the embedded forge a request's id is
   * its comment's, so a command the planner has not answered yet shows as written.
   */
  static List<CommandLine> commands(Sources in, Map<String, Comment> comments) {
    Optional<ChangeBoard.Entry> entry = in.entry();
    List<JobRequest> requests = entry.map(e -> e.change().state().requests()).orElse(List.of());
    Map<String, Answer> answers = new HashMap<>();
    entry.ifPresent(
        e ->
            e.plan().actions().stream()
                .filter(Action.AcknowledgeRequest.class::isInstance)
                .map(Action.AcknowledgeRequest.class::cast)
                .forEach(a -> answers.put(a.requestId(), a.answer())));
    Set<String> current = requests.stream().map(JobRequest::id).collect(Collectors.toSet());
    Map<String, RunRecord> byRequest = new HashMap<>();
    List<CommandLine> lines = new ArrayList<>();
    in.runs().stream()
        .filter(r -> r.trigger() == Trigger.COMMAND && !r.requestId().isEmpty())
        .sorted(Comparator.comparing(RunRecord::queuedAt).thenComparing(RunRecord::id))
        .forEach(
            r -> {
              byRequest.putIfAbsent(r.requestId(), r);
              if (!current.contains(r.requestId())) {
                lines.add(
                    new CommandLine(
                        asked(comments.get(r.requestId()), "/test " + r.key().job()),
                        r.causedBy(),
                        "started " + r.key().job() + " attempt " + r.key().attempt(),
                        "/runs/" + r.id()));
              }
            });
    for (JobRequest q : requests) {
      RunRecord run = byRequest.get(q.id());
      Answer answer = answers.get(q.id());
      lines.add(
          new CommandLine(
              answer != null
                  ? answer.command()
                  : asked(comments.get(q.id()), q.retest() ? "/retest" : "/test " + q.job()),
              q.by(),
              answer != null ? outcome(answer) : "waiting for the next pass",
              run == null ? "" : "/runs/" + run.id()));
    }
    entry.ifPresent(e -> lines.addAll(folded(e.change())));
    return lines;
  }

  /** The commands the planner does not serve, as the fold answered them, and the approval notes. */
  private static List<CommandLine> folded(ForgeChange change) {
    List<CommandLine> lines = new ArrayList<>();
    change.answers().stream()
        .filter(a -> a.outcome() != Answer.Outcome.NOT_OURS)
        .sorted(Comparator.comparing(Answer::at))
        .forEach(a -> lines.add(new CommandLine(a.command(), a.by(), outcome(a), "")));
    change.notes().forEach(n -> lines.add(new CommandLine("", "", n, "")));
    return lines;
  }

  /** The outcome in words as well as the answer's text: states are never colour or icon alone. */
  static String outcome(Answer a) {
    String word =
        switch (a.outcome()) {
          case DONE -> "done";
          case NOTHING_TO_DO -> "nothing to do";
          case REFUSED -> "refused";
          case NOT_OURS -> "not ours";
        };
    return a.text().isEmpty() ? word : word + ": " + a.text();
  }

  /** The command as its comment wrote it (first line), else what the request says. */
  private static String asked(Comment comment, String fallback) {
    if (comment == null) {
      return fallback;
    }
    String body = comment.body().strip();
    int nl = body.indexOf('\n');
    return nl < 0 ? body : body.substring(0, nl);
  }

  /** The embedded forge's conversation, without the summary (shown on its own). */
  static List<CommentLine> conversation(Sources in, String bot) {
    if (in.stored() == null) {
      return List.of();
    }
    return in.stored().comments().stream()
        .filter(c -> !(c.author().equals(bot) && c.body().startsWith(LocalForge.SUMMARY_MARKER)))
        .map(
            c ->
                new CommentLine(
                    c.author(), Format.time(c.createdAt()), c.body(), c.author().equals(bot)))
        .toList();
  }

  /** Every head with runs, newest first; runs newest first within each. */
  static List<HeadGroup> heads(List<RunRecord> runs, String current, Instant now) {
    Map<String, List<RunRecord>> bySha = new LinkedHashMap<>();
    runs.stream()
        .sorted(JobHistory.NEWEST_FIRST)
        .forEach(r -> bySha.computeIfAbsent(r.key().sha(), k -> new ArrayList<>()).add(r));
    List<HeadGroup> groups = new ArrayList<>();
    bySha.forEach(
        (sha, list) ->
            groups.add(
                new HeadGroup(
                    sha,
                    Format.sha(sha),
                    sha.equals(current),
                    list.stream().map(r -> runLine(r, now)).toList())));
    return groups;
  }

  static RunLine runLine(RunRecord r, Instant now) {
    return new RunLine(
        "/runs/" + r.id(),
        r.id(),
        r.key().job(),
        r.key().attempt(),
        Badge.of(r.state()),
        r.trigger().wire(),
        r.causedBy(),
        Format.time(r.queuedAt()),
        Format.took(r.startedAt(), r.finishedAt(), now),
        r.message());
  }
}
