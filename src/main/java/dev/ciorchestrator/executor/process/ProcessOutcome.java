package dev.ciorchestrator.executor.process;

import java.time.Duration;
import java.util.Objects;

/**
 * How a job process ended. Mapped to a run state by {@link Outcomes}.
 *
 * @param exitCode the process's exit code; meaningful only for {@link Reason#EXITED}, -1 if it
 *     never started
 * @param elapsed from start to the end of the whole process tree
 * @param message for people: "exit code 2", "timed out after 1s", the start error
 */
public record ProcessOutcome(int exitCode, Reason reason, Duration elapsed, String message) {
  public enum Reason {
    EXITED,
    TIMED_OUT,
    CANCELLED,
    /** Bash missing, workspace missing, log not writable: the machine's fault, not the job's. */
    FAILED_TO_START,
    /**
     * Nobody knows how it ended: its supervisor is gone without an exit code (killed, or the
     * machine restarted). The machine's fault too.
     */
    LOST
  }

  public ProcessOutcome {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(elapsed, "elapsed");
    message = Objects.requireNonNullElse(message, "");
  }

  static ProcessOutcome failedToStart(String why) {
    return new ProcessOutcome(-1, Reason.FAILED_TO_START, Duration.ZERO, why);
  }
}
