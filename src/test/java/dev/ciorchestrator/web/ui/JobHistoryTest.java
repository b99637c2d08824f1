package dev.ciorchestrator.web.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.domain.RunKey;
import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.domain.RunState;
import dev.ciorchestrator.domain.TestRuns;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rates, percentiles and flaky marks from plain run records. */
class JobHistoryTest {
  static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");

  static RunRecord run(RunKey key, RunState end, int minute, int seconds) {
    Instant queued = T0.plusSeconds(60L * minute);
    RunRecord pending = TestRuns.pending(key, queued);
    if (end == RunState.PENDING) {
      return pending;
    }
    RunRecord running = pending.withState(RunState.RUNNING, queued, "");
    return end == RunState.RUNNING
        ? running
        : running.withState(end, queued.plusSeconds(seconds), "");
  }

  @Test
  void anEmptyHistoryHasNoRateAndNoDurations() {
    JobHistory h = JobHistory.of("unit", List.of());

    assertThat(h.runs()).isEmpty();
    assertThat(h.successRate()).isEmpty();
    assertThat(h.p50()).isEmpty();
    assertThat(h.p95()).isEmpty();
  }

  @Test
  void ratesCountPassedAndFailedAcrossChangesAndBranchesNewestFirst() {
    RunRecord a = run(RunKey.forChange("o/a", 1, "h1", "unit", 1), RunState.SUCCESS, 0, 10);
    RunRecord b = run(RunKey.forChange("o/b", 2, "h2", "unit", 1), RunState.FAILURE, 1, 20);
    RunRecord c =
        run(RunKey.forPush("o/a", "refs/heads/main", "h3", "unit"), RunState.SUCCESS, 2, 30);
    RunRecord d = run(RunKey.forChange("o/a", 3, "h4", "unit", 1), RunState.ERROR, 3, 1);
    RunRecord e = run(RunKey.forChange("o/a", 4, "h5", "unit", 1), RunState.ABORTED, 4, 1);
    RunRecord f = run(RunKey.forChange("o/a", 5, "h6", "unit", 1), RunState.RUNNING, 5, 0);
    RunRecord other = run(RunKey.forChange("o/a", 1, "h1", "lint", 1), RunState.FAILURE, 6, 5);

    JobHistory h = JobHistory.of("unit", List.of(a, b, c, d, e, f, other));

    assertThat(h.runs()).containsExactly(f, e, d, c, b, a);
    assertThat(h.passed()).isEqualTo(2);
    assertThat(h.failed()).isEqualTo(1);
    assertThat(h.errors()).isEqualTo(1);
    assertThat(h.aborted()).isEqualTo(1);
    assertThat(h.successRate()).hasValueSatisfying(r -> assertThat(r).isEqualTo(2.0 / 3));
    assertThat(h.p50()).contains(Duration.ofSeconds(20));
    assertThat(h.p95()).contains(Duration.ofSeconds(30));
    assertThat(h.flaky()).isEmpty();
  }

  @Test
  void percentilesAreNearestRank() {
    List<RunRecord> runs = new ArrayList<>();
    for (int i = 1; i <= 100; i++) {
      runs.add(run(RunKey.forChange("o/a", i, "h" + i, "unit", 1), RunState.SUCCESS, i, i));
    }
    JobHistory h = JobHistory.of("unit", runs);

    assertThat(h.p50()).contains(Duration.ofSeconds(50));
    assertThat(h.p95()).contains(Duration.ofSeconds(95));
  }

  @Test
  void aFailureALaterAttemptOnTheSameHeadPassedIsFlaky() {
    RunKey first = RunKey.forChange("o/a", 7, "h", "unit", 1);
    RunRecord failed = run(first, RunState.FAILURE, 0, 5);
    RunRecord passed = run(first.withAttempt(2), RunState.SUCCESS, 1, 5);
    RunRecord otherHead = run(RunKey.forChange("o/a", 7, "h2", "unit", 1), RunState.FAILURE, 2, 5);
    RunRecord laterFailure = run(first.withAttempt(3), RunState.FAILURE, 3, 5);

    JobHistory h = JobHistory.of("unit", List.of(failed, passed, otherHead, laterFailure));

    assertThat(h.flaky()).containsExactly(failed.id());
  }
}
