package dev.ciorchestrator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.domain.Answer;
import dev.ciorchestrator.domain.Answer.Outcome;
import dev.ciorchestrator.domain.Change;
import dev.ciorchestrator.domain.Decision;
import dev.ciorchestrator.run.ControllerMemory.MergeRefusal;
import dev.ciorchestrator.run.ControllerMemory.ToldAnswer;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The memory the report's planning gets: the store's, plus what an older summary's hidden markers
 * remember and the store does not, which is planned into the store once (the upgrade path).
 */
class RecallTest {
  private static final String HEAD = "1234567890abcdef1234567890abcdef12345678";
  private static final String BASE = "abcdefabcdefabcdefabcdefabcdefabcdefabcd";
  private static final Instant T = Instant.parse("2026-03-01T12:00:00Z");
  private static final String OLD_SUMMARY =
      String.join(
          "\n",
          "**ci-orchestrator** · #7",
          "- ✅ `/retest` by carol: started go-test <!-- ci-orchestrator:answer c5 "
              + HEAD
              + " 2026-03-01T12:02:00Z -->",
          "- ❌ `/test x` by carol: no job <!-- ci-orchestrator:answer c6 "
              + HEAD
              + " 2026-03-01T12:03:00Z -->",
          "<!-- ci-orchestrator:not-merged head="
              + HEAD
              + " base="
              + BASE
              + " reason=Y29uZmxpY3Q -->"); // "conflict"

  private static ChangePlan plan(Answer... served) {
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
            BASE,
            "f",
            HEAD,
            List.of(),
            true,
            T,
            T);
    List<Action> acks =
        java.util.Arrays.stream(served)
            .<Action>map(a -> new Action.AcknowledgeRequest("demo/app", 7, a))
            .toList();
    Decision trust = Decision.pass("trust", "");
    return new ChangePlan(change, trust, List.of(), acks, GateDecision.of(List.of(trust)));
  }

  @Test
  void anOlderSummarysMarkersTheStoreLacksAreImportedOnce() {
    ToldAnswer stored = new ToldAnswer("c5", HEAD, T.plusSeconds(120), "✅ kept from the store");
    Recall recall = Recall.of(List.of(stored), Optional.empty(), OLD_SUMMARY, HEAD);
    Answer served =
        new Answer("c9", "/retest", "dave", T.plusSeconds(600), Outcome.DONE, "started go-vet");

    List<Action> remember = ReportPlanner.remember(plan(served), recall);

    ToldAnswer imported =
        new ToldAnswer("c6", HEAD, T.plusSeconds(180), "❌ `/test x` by carol: no job");
    MergeRefusal refusal = new MergeRefusal(HEAD, BASE, "conflict");
    assertThat(recall.answers()).containsExactly(stored, imported);
    assertThat(recall.refusal()).contains(refusal);
    assertThat(remember)
        .containsExactly(
            new Action.RememberAnswer(
                "demo/app", 7, imported, "the summary remembers it, the store not"),
            new Action.RememberAnswer(
                "demo/app",
                7,
                new ToldAnswer(
                    "c9", HEAD, T.plusSeconds(600), "✅ `/retest` by dave: started go-vet"),
                "the request is answered now"),
            new Action.RememberRefusal(
                "demo/app", 7, refusal, "the summary remembers it, the store not"));
  }

  @Test
  void whatTheStoreRemembersWinsAndNothingIsWrittenTwice() {
    MergeRefusal newer = new MergeRefusal(HEAD, "c".repeat(40), "head moved");
    List<ToldAnswer> stored = AnswerLedger.legacy(OLD_SUMMARY, HEAD);
    Recall recall = Recall.of(stored, Optional.of(newer), OLD_SUMMARY, HEAD);

    assertThat(recall.refusal()).contains(newer);
    assertThat(recall.imported()).isEmpty();
    // the request is served again after a crash: its answer is remembered already
    Answer again = new Answer("c5", "/retest", "carol", T, Outcome.DONE, "something else");
    assertThat(ReportPlanner.remember(plan(again), recall)).isEmpty();
  }

  @Test
  void aSummaryWithoutMarkersImportsNothing() {
    Recall recall = Recall.of(List.of(), Optional.empty(), "**ci-orchestrator** · #7\n", HEAD);
    assertThat(recall).isEqualTo(Recall.NONE);
    assertThat(ReportPlanner.remember(plan(), recall)).isEmpty();
  }
}
