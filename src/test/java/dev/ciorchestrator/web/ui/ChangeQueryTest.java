package dev.ciorchestrator.web.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.domain.Answer;
import dev.ciorchestrator.domain.Answer.Outcome;
import dev.ciorchestrator.domain.Change;
import dev.ciorchestrator.domain.ChangeState;
import dev.ciorchestrator.domain.ChangeState.JobRequest;
import dev.ciorchestrator.domain.Decision;
import dev.ciorchestrator.domain.RunKey;
import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.domain.RunState;
import dev.ciorchestrator.domain.Trigger;
import dev.ciorchestrator.forge.ForgeChange;
import dev.ciorchestrator.forge.command.Comment;
import dev.ciorchestrator.reconcile.Action;
import dev.ciorchestrator.reconcile.ChangeBoard;
import dev.ciorchestrator.reconcile.ChangePlan;
import dev.ciorchestrator.reconcile.GateDecision;
import dev.ciorchestrator.web.ui.ChangeView.CommandLine;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Commands and their answers, and runs grouped by head, from the board and the store. */
class ChangeQueryTest {
  static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");

  static Change change(String head) {
    return new Change(
        "o/r", 7, "t", "alice", false, List.of(), List.of(), "main", "b", "topic", head, List.of(),
        true, T0, T0);
  }

  static RunRecord run(String sha, String job, int attempt, String requestId, String by) {
    return new RunRecord(
        RunKey.forChange("o/r", 7, sha, job, attempt),
        RunState.SUCCESS,
        requestId.isEmpty() ? Trigger.PULL_REQUEST : Trigger.COMMAND,
        by,
        requestId,
        "b",
        "cfg",
        T0.plusSeconds(attempt),
        T0.plusSeconds(attempt),
        T0.plusSeconds(attempt + 5),
        "");
  }

  @Test
  void theBoardsPlanAnswersItsRequestsAndEarlierOnesShowByTheirRuns() {
    RunRecord earlier = run("h", "unit", 2, "c1", "carol");
    RunRecord served = run("h", "unit", 3, "c2", "bob");
    List<JobRequest> requests =
        List.of(new JobRequest("c2", "unit", "bob", false), new JobRequest("c3", "", "dave", true));
    ChangePlan plan =
        new ChangePlan(
            change("h"),
            Decision.pass("trust", ""),
            List.of(),
            List.of(
                new Action.AcknowledgeRequest(
                    "o/r",
                    7,
                    new Answer("c2", "/test unit", "bob", T0, Outcome.DONE, "started unit")),
                new Action.AcknowledgeRequest(
                    "o/r",
                    7,
                    new Answer(
                        "c3", "/retest", "dave", T0, Outcome.NOTHING_TO_DO, "nothing failed"))),
            GateDecision.of(List.of()));
    var fc =
        new ForgeChange(
            new ChangeState(change("h"), true, requests),
            List.of(
                new Answer(
                    "c4:0", "/tset", "erin", T0.plusSeconds(2), Outcome.REFUSED, "no such command"),
                new Answer("c4:1", "/cc @x", "erin", T0.plusSeconds(2), Outcome.NOT_OURS, ""),
                new Answer("c5:0", "/hold", "bob", T0.plusSeconds(1), Outcome.DONE, "held")),
            List.of("carol's approval is for an earlier head"),
            List.of(),
            Map.of(),
            "");
    var entry = new ChangeBoard.Entry(fc, plan, Map.of(), "", "cfg", T0);
    Map<String, Comment> comments =
        Map.of("c2", new Comment("c2", "bob", "/test unit\nplease", T0));

    List<CommandLine> lines =
        ChangeQuery.commands(
            new ChangeQuery.Sources(entry, List.of(served, earlier), null), comments);

    assertThat(lines)
        .containsExactly(
            new CommandLine(
                "/test unit", "carol", "started unit attempt 2", "/runs/" + earlier.id()),
            new CommandLine("/test unit", "bob", "done: started unit", "/runs/" + served.id()),
            new CommandLine("/retest", "dave", "nothing to do: nothing failed", ""),
            new CommandLine("/hold", "bob", "done: held", ""),
            new CommandLine("/tset", "erin", "refused: no such command", ""),
            new CommandLine("", "", "carol's approval is for an earlier head", ""));
  }

  @Test
  void runsGroupByHeadNewestFirstAndTheCurrentHeadIsMarked() {
    RunRecord old = run("old", "unit", 1, "", "alice");
    RunRecord current = run("new", "unit", 2, "", "alice");

    var heads = ChangeQuery.heads(List.of(old, current), "new", T0.plusSeconds(60));

    assertThat(heads).extracting(ChangeView.HeadGroup::sha).containsExactly("new", "old");
    assertThat(heads).extracting(ChangeView.HeadGroup::current).containsExactly(true, false);
    assertThat(heads.get(0).runs().get(0).took()).isEqualTo("5 s");
  }
}
