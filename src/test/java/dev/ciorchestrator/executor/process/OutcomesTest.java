package dev.ciorchestrator.executor.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.domain.RunState;
import dev.ciorchestrator.executor.process.ProcessOutcome.Reason;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OutcomesTest {
  @ParameterizedTest(name = "{1} exit {0} -> {3}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          0   | EXITED          | exit code 0          | SUCCESS | ''
          2   | EXITED          | exit code 2          | FAILURE | exit code 2
          143 | TIMED_OUT       | timed out after 1s   | FAILURE | timed out after 1s
          143 | CANCELLED       | cancelled            | ABORTED | cancelled
          -1  | FAILED_TO_START | could not start bash | ERROR   | could not start bash
          """)
  void mapsOutcomeToRunState(
      int exitCode, Reason reason, String message, RunState state, String expectedMessage) {
    ProcessOutcome outcome = new ProcessOutcome(exitCode, reason, Duration.ofSeconds(1), message);

    assertThat(Outcomes.toState(outcome)).isEqualTo(new Outcomes.Verdict(state, expectedMessage));
  }

  @ParameterizedTest
  @CsvSource({"PT1S, 1s", "PT0.5S, 500ms", "PT1M30S, 1m30s", "PT2H, 2h", "PT1.5S, 1.5s"})
  void timeoutsReadAsConfigWritesThem(Duration timeout, String expected) {
    assertThat(RunningProcess.human(timeout)).isEqualTo(expected);
  }
}
