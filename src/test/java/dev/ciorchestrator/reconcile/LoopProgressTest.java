package dev.ciorchestrator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.forge.MergeResult;
import dev.ciorchestrator.policy.Evaluation;
import dev.ciorchestrator.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Every step a pass reports counts as progress, so a long pass over many changes, each with
 * policies that run into their time limit, is not mistaken for a stuck loop; the steps still reach
 * metrics.
 */
class LoopProgressTest {
  private static final Instant START = Instant.parse("2026-03-01T12:00:00Z");

  @Test
  void eachStepOfAPassMovesProgressAndReachesTheMetrics() {
    List<String> told = new ArrayList<>();
    LoopMetrics metrics =
        new LoopMetrics() {
          @Override
          public void policyEvaluated(String policy, Evaluation.Verdict verdict, long nanos) {
            told.add("policy " + policy);
          }

          @Override
          public void merged(String repo, MergeResult result) {
            told.add("merged " + repo);
          }
        };
    MutableClock clock = new MutableClock(START);
    LoopProgress progress = new LoopProgress(clock);
    LoopMetrics counting = progress.counting(metrics);

    List<Consumer<LoopMetrics>> steps =
        List.of(
            m -> m.policyEvaluated("slow", Evaluation.Verdict.ERROR, 300_000_000L),
            m -> m.gateDecided("acme/app", GateDecision.of(List.of())),
            m -> m.merged("acme/app", MergeResult.merged("abc", "merge")),
            m -> m.changeMerged("acme/app", START),
            m -> m.passFinished("acme/app", Duration.ofMinutes(30), false));
    for (Consumer<LoopMetrics> step : steps) {
      Instant before = progress.last();
      clock.advance(Duration.ofMinutes(4));
      step.accept(counting);
      assertThat(progress.last()).isAfter(before);
      // 4 minutes per step, 20 in all: alive throughout with a 5 minute timeout
      assertThat(
              new LoopLiveness(true, true, true, progress.last())
                  .stall(clock.instant(), Duration.ofMinutes(5)))
          .isEmpty();
    }
    assertThat(told).containsExactly("policy slow", "merged acme/app");
  }
}
