package dev.ciorchestrator.executor;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where a successful run's {@code artifacts.paths} go: executors that hold the workspace call it
 * after the job exited 0 and before the workspace is deleted.
 */
public interface RunArtifacts {
  RunArtifacts NONE = (runId, workspace, globs) -> Optional.empty();

  /**
   * Collects what {@code globs} select in {@code workspace} for run {@code runId}.
   *
   * @return why the run must fail instead of succeeding (a quota, a path outside the workspace);
   *     empty once collected
   */
  Optional<String> collect(String runId, Path workspace, List<String> globs);
}
