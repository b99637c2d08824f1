package dev.ciorchestrator.executor;

import dev.ciorchestrator.domain.RunRecord;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Runs jobs. The reconcile loop has already created the run's record (create-if-absent) before it
 * calls {@link #start}; from then on the executor alone moves the record forward in the {@link
 * dev.ciorchestrator.run.RunStore} ({@code pending -> running -> terminal}) and tells its {@link
 * RunListener} of every move.
 */
public interface Executor {
  /**
   * Queues the pending run {@code run} (beyond {@code maxConcurrency} it waits, never dropped) and
   * runs it. Never throws for a run that cannot start: that ends the run in {@code error}.
   */
  void start(RunRecord run, RunSpec spec);

  /**
   * Aborts a queued or running run: a queued one never starts, a running one has its process tree
   * (or container, or Job) killed. The record ends {@code aborted} with {@code reason}. A run this
   * executor does not hold (finished, or from before a restart) is left to {@link #recover}.
   *
   * @return true if this executor held the run
   */
  boolean cancel(String runId, String reason);

  /**
   * After a restart: the store holds {@code run} as pending or running, but this executor does not
   * hold it yet. A pending run never started a process, so it is queued again with {@code spec}. A
   * running one is adopted where its job still runs (a supervisor, a container, a Job) and recorded
   * when it ends; one that ended while nobody watched is recorded as it ended (success stays
   * success); only one whose result is truly gone ends in {@code error} (eligible for {@code
   * retries}), after nothing of it is left running. {@code spec} is empty when the job no longer
   * exists in the config: a pending run then ends in {@code error} too.
   */
  void recover(RunRecord run, Optional<RunSpec> spec);

  /** Where the run's log is (or will be) written; the file may not exist yet. */
  Path logFile(String runId);
}
