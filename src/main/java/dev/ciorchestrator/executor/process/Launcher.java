package dev.ciorchestrator.executor.process;

import dev.ciorchestrator.config.model.Job;
import dev.ciorchestrator.executor.process.Outcomes.Verdict;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How {@code LocalExecutor} starts a run it has prepared (slot, workspace, record {@code running},
 * empty log): as a bash process on this machine, or in a container, in both cases under a
 * supervisor that outlives the orchestrator ({@link
 * dev.ciorchestrator.executor.process.Supervisor}). Everything before and after the launch
 * (queueing, records, crash windows, recovery) is the executor's, so both ways of running share one
 * implementation of it.
 */
public interface Launcher {
  /**
   * What to launch.
   *
   * @param runId the run's deterministic id; names what the launcher creates for it (a container)
   * @param job the job as the run's config revision defines it ({@code image}, {@code resources})
   * @param process the workspace, script, environment, timeout and log, as for a local process
   * @param supervision the folder of the run's supervisor, which holds its exit code once it ends;
   *     null to start the run as this JVM's own child, which enforces its timeout and stops it (the
   *     {@code run} CLI, which lives exactly as long as its job)
   */
  record Launch(String runId, Job job, ProcessSpec process, SupervisorDir supervision) {
    public Launch {
      Objects.requireNonNull(runId, "runId");
      Objects.requireNonNull(job, "job");
      Objects.requireNonNull(process, "process");
    }

    /** A launch without a supervisor: the run is this JVM's child. */
    public Launch(String runId, Job job, ProcessSpec process) {
      this(runId, job, process, null);
    }
  }

  /** The executor's name as jobs choose it ({@code executor: process}) and records keep it. */
  String name();

  /**
   * Starts the run. Never throws for a run that cannot start: that is a {@link
   * ProcessOutcome.Reason#FAILED_TO_START} outcome, which ends the run in {@code error}.
   */
  RunningProcess launch(Launch launch);

  /**
   * Follows a run an earlier orchestrator launched, whose supervisor works in {@code supervision}:
   * still running, ended (its exit code is there), or gone without one. Never throws.
   */
  RunningProcess adopt(String runId, SupervisorDir supervision);

  /** The terminal state of a finished launch; {@code logFile} holds everything it printed. */
  Verdict verdict(ProcessOutcome outcome, Path logFile);

  /** Between SIGTERM and SIGKILL when a run's processes are stopped. */
  Duration killGrace();

  /**
   * The run is over (or lost): remove what the launcher left of it that its supervisor does not
   * clean up, stopping it if it still runs (a container, which the engine keeps). Must not throw.
   */
  default void release(String runId) {
    // a local process leaves nothing its supervisor does not clean up
  }

  /**
   * The digest ({@code sha256:<hex>}) of the image run {@code runId} actually ran in, asked before
   * {@link #release}; empty when the launcher runs no image or the engine cannot tell.
   */
  default Optional<String> imageDigest(String runId, String image) {
    return Optional.empty();
  }
}
