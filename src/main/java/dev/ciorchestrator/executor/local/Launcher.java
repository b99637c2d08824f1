package dev.ciorchestrator.executor.local;

import dev.ciorchestrator.config.model.Job;
import dev.ciorchestrator.executor.process.Outcomes.Verdict;
import dev.ciorchestrator.executor.process.ProcessOutcome;
import dev.ciorchestrator.executor.process.ProcessSpec;
import dev.ciorchestrator.executor.process.RunningProcess;
import java.nio.file.Path;
import java.util.Objects;

/**
 * How {@link LocalExecutor} starts a run it has prepared (slot, workspace, record {@code running},
 * empty log): as a bash process on this machine, or in a container. Everything before and after the
 * launch (queueing, records, crash windows, recovery) is the executor's, so both ways of running
 * share one implementation of it.
 */
public interface Launcher {
  /**
   * What to launch.
   *
   * @param runId the run's deterministic id; names what the launcher creates for it (a container)
   * @param job the job as the run's config revision defines it ({@code image}, {@code resources})
   * @param process the workspace, script, environment, timeout and log, as for a local process
   */
  record Launch(String runId, Job job, ProcessSpec process) {
    public Launch {
      Objects.requireNonNull(runId, "runId");
      Objects.requireNonNull(job, "job");
      Objects.requireNonNull(process, "process");
    }
  }

  /** The executor's name as jobs choose it ({@code executor: process}) and records keep it. */
  String name();

  /**
   * Starts the run. Never throws for a run that cannot start: that is a {@link
   * ProcessOutcome.Reason#FAILED_TO_START} outcome, which ends the run in {@code error}.
   */
  RunningProcess launch(Launch launch);

  /** The terminal state of a finished launch; {@code logFile} holds everything it printed. */
  Verdict verdict(ProcessOutcome outcome, Path logFile);

  /**
   * After a restart, a run recorded {@code running} lost its launcher: stop whatever of it may
   * still run, if that can be found by the run's id. Must not throw.
   */
  default void lost(String runId) {
    // a local process is not found by its run id (its pid is not recorded)
  }
}
