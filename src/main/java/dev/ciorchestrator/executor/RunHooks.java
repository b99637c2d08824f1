package dev.ciorchestrator.executor;

import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.domain.RunResults;
import dev.ciorchestrator.domain.RunState;
import java.nio.file.Path;
import java.util.Map;

/**
 * Work an executor does in a run's workspace around its process: before it starts (restore caches),
 * and after it ended but before the workspace is deleted (read reports, save caches). Neither may
 * fail the run: a hook that cannot do its part logs it and goes on.
 */
public interface RunHooks {
  /**
   * Variables the deployment gives every run (a tool's data folder, say), under the job's own
   * {@code env} and the run's variables, which win.
   */
  default Map<String, String> env() {
    return Map.of();
  }

  /** The workspace is built and the record is {@code running}; the process starts next. */
  void beforeRun(RunRecord running, RunSpec spec, Path workspace);

  /**
   * The process ended in {@code state}; the workspace still holds what it left.
   *
   * @return what the run's reports said, stored with its terminal state
   */
  RunResults afterRun(RunRecord running, RunSpec spec, Path workspace, RunState state);

  /**
   * A run an earlier orchestrator started, adopted after a restart, ended in {@code state}: the
   * same work as {@link #afterRun}, from what {@link #beforeRun} kept on disk, since the job it ran
   * is no longer known here.
   */
  default RunResults afterAdoptedRun(RunRecord running, Path workspace, RunState state) {
    return RunResults.NONE;
  }

  RunHooks NONE =
      new RunHooks() {
        @Override
        public void beforeRun(RunRecord running, RunSpec spec, Path workspace) {}

        @Override
        public RunResults afterRun(
            RunRecord running, RunSpec spec, Path workspace, RunState state) {
          return RunResults.NONE;
        }
      };
}
