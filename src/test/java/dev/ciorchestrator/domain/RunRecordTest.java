package dev.ciorchestrator.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RunRecordTest {
  private static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");

  @ParameterizedTest(name = "{0} -> {1}: {2}")
  @CsvSource({
    "PENDING, RUNNING, true",
    "PENDING, ABORTED, true",
    "PENDING, ERROR, true",
    "RUNNING, SUCCESS, true",
    "RUNNING, FAILURE, true",
    "RUNNING, PENDING, false",
    "RUNNING, RUNNING, false",
    "SUCCESS, FAILURE, false",
    "FAILURE, ABORTED, false",
    "ABORTED, RUNNING, false",
  })
  void statesOnlyMoveForward(RunState from, RunState to, boolean allowed) {
    assertThat(run(from).canMoveTo(to)).isEqualTo(allowed);
  }

  @ParameterizedTest
  @CsvSource({"RUNNING, false", "SUCCESS, true", "ERROR, true"})
  void timesFollowTheState(RunState next, boolean finished) {
    RunRecord moved = run(RunState.PENDING).withState(next, T0.plusSeconds(3), "why");
    assertThat(moved.startedAt()).isEqualTo(T0.plusSeconds(3));
    assertThat(moved.finishedAt() != null).isEqualTo(finished);
    assertThat(moved.message()).isEqualTo("why");
  }

  private static RunRecord run(RunState state) {
    return new RunRecord(
        RunKey.forChange("o/r", 1, "sha", "job", 1),
        state,
        Trigger.PULL_REQUEST,
        "alice",
        "",
        "base",
        "rev",
        T0,
        null,
        null,
        "");
  }
}
