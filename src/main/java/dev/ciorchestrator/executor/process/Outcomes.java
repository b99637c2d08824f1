package dev.ciorchestrator.executor.process;

import dev.ciorchestrator.domain.RunState;

/** The pure mapping from a process outcome to the run state it leaves (DESIGN.md run states). */
public final class Outcomes {
  /** A terminal run state and the message the run record and commit status show. */
  public record Verdict(RunState state, String message) {}

  private Outcomes() {}

  public static Verdict toState(ProcessOutcome outcome) {
    return switch (outcome.reason()) {
      case EXITED ->
          outcome.exitCode() == 0
              ? new Verdict(RunState.SUCCESS, "")
              : new Verdict(RunState.FAILURE, "exit code " + outcome.exitCode());
      // a hanging test is the change's fault, so retrying it would only burn machine time
      case TIMED_OUT -> new Verdict(RunState.FAILURE, outcome.message());
      case CANCELLED -> new Verdict(RunState.ABORTED, outcome.message());
      // the machine failed the job, not the change: ERROR is the state eligible for retries
      case FAILED_TO_START, LOST -> new Verdict(RunState.ERROR, outcome.message());
    };
  }
}
