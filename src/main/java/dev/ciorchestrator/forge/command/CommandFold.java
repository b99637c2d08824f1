package dev.ciorchestrator.forge.command;

import dev.ciorchestrator.domain.Answer;
import dev.ciorchestrator.domain.Answer.Outcome;
import dev.ciorchestrator.domain.ChangeState.JobRequest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Folds a change's comments and reviews into its current state (DESIGN.md "Commands": only the
 * newest state counts), and answers every command but the job requests, which the planner answers.
 * Pure: the same input always gives the same state and the same answers, so every reconcile folds
 * from scratch instead of keeping command state that a restart would lose.
 *
 * <p>Roles, as Prow's trigger and hold plugins have them: only a trusted user's {@code /ok-to-test}
 * counts; someone who is not trusted may {@code /test} and {@code /retest} only their own change
 * (and only once it may run at all, which the planner decides), and may lift only a hold they
 * placed. Votes are anyone's but the author's.
 */
public final class CommandFold {
  private final FoldInput in;
  private final Votes approve;
  private final Votes lgtm;
  private final Holds holds;
  private final List<JobRequest> requests = new ArrayList<>();
  private final List<Answer> answers = new ArrayList<>();
  private boolean okToTest;
  private boolean okToTestForHead;

  private CommandFold(FoldInput in) {
    this.in = in;
    this.approve = new Votes(in, "approve");
    this.lgtm = new Votes(in, "lgtm");
    this.holds = new Holds(in);
  }

  public static FoldedState fold(FoldInput in) {
    return new CommandFold(in).run();
  }

  private FoldedState run() {
    // Stable sort: comments with the same timestamp keep the forge's order. Nobody's comment or
    // review (a deleted account: the forge sends no user) never approves nor commands anything.
    in.comments().stream()
        .filter(c -> !c.author().isBlank())
        .sorted(Comparator.comparing(Comment::createdAt))
        .forEach(this::read);
    in.reviews().stream().filter(r -> !r.author().isBlank()).forEach(approve::review);
    List<String> notes = new ArrayList<>();
    List<String> approvals = approve.tally(notes);
    List<String> lgtms = lgtm.tally(notes);
    return new FoldedState(
        okToTest,
        okToTestForHead,
        holds.held(),
        holds.commandId(),
        approvals,
        lgtms,
        requests,
        answers,
        notes.stream().distinct().toList());
  }

  private void read(Comment c) {
    List<Command> commands = CommandParser.parse(c.body());
    List<JobRequest> fromComment = new ArrayList<>();
    for (int i = 0; i < commands.size(); i++) {
      Command command = commands.get(i);
      String key = c.id() + "/" + i;
      if (command instanceof Command.Test t) {
        t.jobs().forEach(job -> request(c, job, key, fromComment));
      } else if (command instanceof Command.Retest) {
        request(c, "", key, fromComment);
      } else if (command instanceof Command.Custom custom) {
        request(c, custom.line(), key, fromComment);
      } else {
        answer(c, key, command);
      }
    }
    requests.addAll(withIds(c, fromComment));
  }

  /**
   * A job request, unless its author may not ask on this change: then the answer says so here,
   * because the planner never sees it.
   */
  private void request(Comment c, String job, String key, List<JobRequest> out) {
    JobRequest r = new JobRequest("", job, c.author(), job.isEmpty(), c.createdAt());
    if (in.trusted(c.author()) || in.isAuthor(c.author())) {
      out.add(r);
    } else if (in.onHead(c)) {
      String text =
          "only a trusted user or the change's author may " + r.command().split(" ")[0] + " it";
      answers.add(
          new Answer(
              key + (job.isEmpty() ? "" : ":" + job),
              r.command(),
              c.author(),
              c.createdAt(),
              Outcome.REFUSED,
              text));
    }
  }

  private void answer(Comment c, String key, Command command) {
    Answer a = apply(c, key, command);
    if (in.onHead(c)) {
      answers.add(a);
    }
  }

  private Answer apply(Comment c, String key, Command command) {
    if (command instanceof Command.Hold h) {
      Holds.Result r = holds.apply(c, h.on());
      return answer(c, key, h.on() ? "/hold" : "/unhold", r.outcome(), r.text());
    }
    if (command instanceof Command.OkToTest) {
      return okToTest(c, key);
    }
    if (command instanceof Command.Approve a) {
      return vote(c, key, approve, "approve", a.given());
    }
    if (command instanceof Command.Lgtm l) {
      return vote(c, key, lgtm, "lgtm", l.given());
    }
    Command.Invalid i = (Command.Invalid) command; // requests never get here
    return answer(c, key, i.line(), Outcome.REFUSED, i.reason());
  }

  private Answer okToTest(Comment c, String key) {
    if (!in.trusted(c.author())) {
      return answer(c, key, "/ok-to-test", Outcome.REFUSED, "only a trusted user can /ok-to-test");
    }
    okToTest = true;
    okToTestForHead |= in.provenAfterPush(c);
    return answer(c, key, "/ok-to-test", Outcome.DONE, "jobs may run");
  }

  private Answer vote(Comment c, String key, Votes votes, String what, boolean given) {
    String command = "/" + what + (given ? "" : " cancel");
    if (in.isAuthor(c.author())) {
      return given
          ? answer(
              c, key, command, Outcome.REFUSED, "the author cannot " + what + " their own change")
          : answer(c, key, command, Outcome.NOTHING_TO_DO, "nothing to withdraw");
    }
    votes.comment(c, given);
    String done = what.equals("approve") ? "approved" : "lgtm given";
    return answer(c, key, command, Outcome.DONE, given ? done : what + " withdrawn");
  }

  private static Answer answer(
      Comment c, String key, String command, Outcome outcome, String text) {
    return new Answer(key, command, c.author(), c.createdAt(), outcome, text);
  }

  /*
   * Ids must be the same on every fold, because the planner acknowledges by id and a new id would
   * start the job again. A comment with one request keeps the plain comment id; with several, each
   * gets its position among the comment's requests.
   */
  private List<JobRequest> withIds(Comment c, List<JobRequest> found) {
    Set<String> acked = in.acknowledged();
    List<JobRequest> out = new ArrayList<>();
    for (int i = 0; i < found.size(); i++) {
      JobRequest r = found.get(i);
      String requestId = new RequestId(c.id(), i, found.size()).render();
      if (!acked.contains(requestId)) {
        out.add(new JobRequest(requestId, r.job(), r.by(), r.retest(), r.at()));
      }
    }
    return out;
  }
}
