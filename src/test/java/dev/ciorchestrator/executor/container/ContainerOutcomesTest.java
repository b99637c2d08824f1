package dev.ciorchestrator.executor.container;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.domain.RunState;
import dev.ciorchestrator.executor.process.Outcomes.Verdict;
import dev.ciorchestrator.executor.process.ProcessOutcome;
import dev.ciorchestrator.executor.process.ProcessOutcome.Reason;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ContainerOutcomesTest {
  static ProcessOutcome exited(int code) {
    return new ProcessOutcome(code, Reason.EXITED, Duration.ofSeconds(1), "exit code " + code);
  }

  @ParameterizedTest(name = "[{index}] exit {0}: {2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          0   | ''                                                        | SUCCESS | ''
          3   | 'failing'                                                 | FAILURE | exit code 3
          125 | 'Error: localhost/x:1: image not known'                   | ERROR   | podman could not run the container: localhost/x:1: image not known
          125 | 'docker: Error response from daemon: No such image: x:1.' | ERROR   | podman could not run the container: Error response from daemon: No such image: x:1.
          125 | 'the script said exit 125'                                | FAILURE | exit code 125
          127 | 'Error: runc: exec: "bash": executable file not found'    | ERROR   | podman could not run the container: runc: exec: "bash": executable file not found
          127 | 'sh: no-such-tool: not found'                             | FAILURE | exit code 127: no-such-tool: command not found
          127 | 'sh: 1: go: not found'                                    | FAILURE | exit code 127: go: command not found
          127 | 'nothing useful'                                          | FAILURE | exit code 127
          """)
  void exitCodes(int code, String log, RunState state, String message) {
    Verdict verdict = ContainerOutcomes.verdict("podman", exited(code), "building\n" + log + "\n");

    assertThat(verdict).isEqualTo(new Verdict(state, message));
  }

  @ParameterizedTest
  @CsvSource({"TIMED_OUT, FAILURE", "CANCELLED, ABORTED", "FAILED_TO_START, ERROR"})
  void stopsAreMappedAsForAProcess(Reason reason, RunState state) {
    ProcessOutcome outcome = new ProcessOutcome(137, reason, Duration.ofSeconds(1), "why");

    assertThat(ContainerOutcomes.verdict("podman", outcome, "Error: ignored\n"))
        .isEqualTo(new Verdict(state, "why"));
  }
}
