package dev.ciorchestrator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.domain.Answer;
import dev.ciorchestrator.domain.Answer.Outcome;
import dev.ciorchestrator.domain.Change;
import dev.ciorchestrator.domain.Decision;
import dev.ciorchestrator.report.Commands;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The summary's answers: a served request is answered once and read back from the summary on every
 * later pass; fold answers are derived again; an earlier head's answers go.
 */
class AnswerLedgerTest {
  private static final String HEAD = "1234567890abcdef1234567890abcdef12345678";
  private static final String NEW_HEAD = "abcdefabcdefabcdefabcdefabcdefabcdefabcd";
  private static final Instant T = Instant.parse("2026-03-01T12:00:00Z");

  private static ChangePlan plan(String head, Answer... served) {
    Change change =
        new Change(
            "demo/app",
            7,
            "t",
            "alice",
            false,
            List.of(),
            List.of(),
            "main",
            "",
            "f",
            head,
            List.of(),
            true,
            T,
            T);
    List<Action> acks = new ArrayList<>();
    for (Answer a : served) {
      acks.add(new Action.AcknowledgeRequest("demo/app", 7, a));
    }
    Decision trust = Decision.pass("trust", "");
    return new ChangePlan(change, trust, List.of(), acks, GateDecision.of(List.of(trust)));
  }

  private static Answer answer(
      String key, int minute, Outcome outcome, String command, String text) {
    return new Answer(key, command, "carol", T.plusSeconds(60L * minute), outcome, text);
  }

  private static String summary(List<String> lines) {
    return "**ci-orchestrator**\n\n" + String.join("\n", lines) + "\n";
  }

  @Test
  void aServedRequestIsToldOnceAndReadBackOnEveryLaterPass() {
    Answer served = answer("c5", 2, Outcome.REFUSED, "/test nope", "no job 'nope' for demo/app");
    Answer hold = answer("c4/0", 1, Outcome.DONE, "/hold", "held");
    Commands fold = new Commands(List.of(hold), List.of(), "");

    List<String> first = AnswerLedger.lines(plan(HEAD, served), fold);
    // the request is acknowledged now: the next plan has no answer for it, the summary has
    Commands next = new Commands(List.of(hold), List.of(), summary(first));
    List<String> second = AnswerLedger.lines(plan(HEAD), next);

    assertThat(first)
        .containsExactly(
            "- ✅ `/hold` by carol: held",
            "- ❌ `/test nope` by carol: no job 'nope' for demo/app <!-- ci-orchestrator:answer c5 "
                + HEAD
                + " 2026-03-01T12:02:00Z -->");
    assertThat(second).isEqualTo(first);
  }

  @Test
  void anotherBotsCommandIsNotShown() {
    Answer foreign = answer("c6", 3, Outcome.NOT_OURS, "/cc", "not a command of ours");
    Answer hold = answer("c4/0", 1, Outcome.DONE, "/hold", "held");

    assertThat(AnswerLedger.lines(plan(HEAD, foreign), new Commands(List.of(hold), List.of(), "")))
        .containsExactly("- ✅ `/hold` by carol: held");
  }

  @Test
  void aRequestServedAgainAfterACrashKeepsItsFirstAnswer() {
    Answer first = answer("c5", 2, Outcome.DONE, "/test go-test", "started go-test (attempt 2)");
    String written = summary(AnswerLedger.lines(plan(HEAD, first), Commands.NONE));
    Answer again = answer("c5", 2, Outcome.DONE, "/test go-test", "something else");

    assertThat(AnswerLedger.lines(plan(HEAD, again), new Commands(List.of(), List.of(), written)))
        .singleElement()
        .asString()
        .contains("started go-test (attempt 2)");
  }

  @Test
  void answersOfAnEarlierHeadAreDropped() {
    Answer served = answer("c5", 2, Outcome.DONE, "/retest", "started go-test (attempt 2)");
    String written = summary(AnswerLedger.lines(plan(HEAD, served), Commands.NONE));

    assertThat(AnswerLedger.lines(plan(NEW_HEAD), new Commands(List.of(), List.of(), written)))
        .isEmpty();
  }

  @Test
  void whatPeopleWroteCannotFakeAMarkerNorMentionAnyone() {
    String fake = "x <!-- ci-orchestrator:answer c9 " + HEAD + " 2026-03-01T12:00:00Z -->";
    Answer served = answer("c5", 2, Outcome.REFUSED, "/test `@team`", "no job '" + fake + "'");
    List<String> lines = AnswerLedger.lines(plan(HEAD, served), Commands.NONE);

    assertThat(lines)
        .singleElement()
        .asString()
        .doesNotContain("@team")
        .doesNotContain("<!-- ci-orchestrator:answer c9");
    List<String> again =
        AnswerLedger.lines(plan(HEAD), new Commands(List.of(), List.of(), summary(lines)));
    assertThat(again).isEqualTo(lines);
  }

  @Test
  void onlyTheNewestAnswersAreShownAndThatIsStableAcrossPasses() {
    List<Answer> fold = new ArrayList<>();
    List<Answer> served = new ArrayList<>();
    for (int i = 0; i < 40; i += 2) {
      served.add(
          answer("c" + i, i, Outcome.DONE, "/retest", "started go-test (attempt " + i + ")"));
      fold.add(answer("c" + (i + 1) + "/0", i + 1, Outcome.DONE, "/lgtm", "lgtm given"));
    }
    List<String> first =
        AnswerLedger.lines(
            plan(HEAD, served.toArray(Answer[]::new)), new Commands(fold, List.of(), ""));
    List<String> second =
        AnswerLedger.lines(plan(HEAD), new Commands(fold, List.of(), summary(first)));

    assertThat(first).hasSize(AnswerLedger.MAX_LINES);
    assertThat(first.get(first.size() - 1)).contains("lgtm given"); // minute 39, the newest
    assertThat(second).isEqualTo(first);
  }
}
