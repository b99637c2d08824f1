package dev.ciorchestrator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.domain.Answer;
import dev.ciorchestrator.domain.Answer.Outcome;
import dev.ciorchestrator.domain.Change;
import dev.ciorchestrator.domain.Decision;
import dev.ciorchestrator.report.Commands;
import dev.ciorchestrator.run.ControllerMemory.ToldAnswer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The summary's answers: a served request is answered once and shown from the memory on every later
 * pass; fold answers are derived again; an earlier head's answers go; an older summary's markers
 * are read for the upgrade.
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

  private static List<String> shown(ChangePlan plan, List<ToldAnswer> remembered, Commands c) {
    return AnswerLedger.lines(AnswerLedger.told(plan, remembered), c);
  }

  /** A summary line as the ledger wrote it before the store kept answers. */
  private static String markedLine(String content, String key, String head, String at) {
    return "- " + content + " <!-- ci-orchestrator:answer " + key + " " + head + " " + at + " -->";
  }

  @Test
  void aServedRequestIsToldOnceAndShownFromTheMemoryOnEveryLaterPass() {
    Answer served = answer("c5", 2, Outcome.REFUSED, "/test nope", "no job 'nope' for demo/app");
    Answer hold = answer("c4/0", 1, Outcome.DONE, "/hold", "held");
    Commands fold = new Commands(List.of(hold), List.of(), "");

    List<String> first = shown(plan(HEAD, served), List.of(), fold);
    // the request is acknowledged now: the next plan has no answer for it, the memory has
    List<ToldAnswer> remembered = AnswerLedger.served(plan(HEAD, served));
    List<String> second = shown(plan(HEAD), remembered, fold);

    assertThat(first)
        .containsExactly(
            "- ✅ `/hold` by carol: held", "- ❌ `/test nope` by carol: no job 'nope' for demo/app");
    assertThat(second).isEqualTo(first);
    assertThat(remembered)
        .containsExactly(
            new ToldAnswer(
                "c5",
                HEAD,
                T.plusSeconds(120),
                "❌ `/test nope` by carol: no job 'nope' for demo/app"));
  }

  @Test
  void anotherBotsCommandIsNotShownNorRemembered() {
    Answer foreign = answer("c6", 3, Outcome.NOT_OURS, "/cc", "not a command of ours");
    Answer hold = answer("c4/0", 1, Outcome.DONE, "/hold", "held");

    assertThat(shown(plan(HEAD, foreign), List.of(), new Commands(List.of(hold), List.of(), "")))
        .containsExactly("- ✅ `/hold` by carol: held");
    assertThat(AnswerLedger.served(plan(HEAD, foreign))).isEmpty();
  }

  @Test
  void aRequestServedAgainAfterACrashKeepsItsFirstAnswer() {
    Answer first = answer("c5", 2, Outcome.DONE, "/test go-test", "started go-test (attempt 2)");
    List<ToldAnswer> remembered = AnswerLedger.served(plan(HEAD, first));
    Answer again = answer("c5", 2, Outcome.DONE, "/test go-test", "something else");

    assertThat(shown(plan(HEAD, again), remembered, Commands.NONE))
        .singleElement()
        .asString()
        .contains("started go-test (attempt 2)");
  }

  @Test
  void anOlderSummarysMarkersOfTheHeadAreRead() {
    String summary =
        String.join(
            "\n",
            "**ci-orchestrator**",
            markedLine("✅ `/retest` by carol: started", "c5", HEAD, "2026-03-01T12:02:00Z"),
            markedLine("✅ `/retest` by carol: old head", "c4", NEW_HEAD, "2026-03-01T12:01:00Z"),
            markedLine("❌ not ours", "c6", HEAD, "yesterday"),
            "- ✅ `/hold` by carol: held");

    assertThat(AnswerLedger.legacy(summary, HEAD))
        .containsExactly(
            new ToldAnswer("c5", HEAD, T.plusSeconds(120), "✅ `/retest` by carol: started"));
    assertThat(AnswerLedger.legacy(summary, "f".repeat(40))).isEmpty();
  }

  @Test
  void whatPeopleWroteCannotFakeAMarkerNorMentionAnyone() {
    String fake = "x <!-- ci-orchestrator:answer c9 " + HEAD + " 2026-03-01T12:00:00Z -->";
    Answer served = answer("c5", 2, Outcome.REFUSED, "/test `@team`", "no job '" + fake + "'");
    List<String> lines = shown(plan(HEAD, served), List.of(), Commands.NONE);

    assertThat(lines)
        .singleElement()
        .asString()
        .doesNotContain("@team")
        .doesNotContain("<!-- ci-orchestrator:answer c9");
    assertThat(AnswerLedger.legacy(summary(lines), HEAD)).isEmpty();
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
    ChangePlan serving = plan(HEAD, served.toArray(Answer[]::new));
    Commands commands = new Commands(fold, List.of(), "");
    List<String> first = shown(serving, List.of(), commands);
    List<String> second = shown(plan(HEAD), AnswerLedger.served(serving), commands);

    assertThat(first).hasSize(AnswerLedger.MAX_LINES);
    assertThat(first.get(first.size() - 1)).contains("lgtm given"); // minute 39, the newest
    assertThat(second).isEqualTo(first);
  }
}
