package dev.ciorchestrator.bench;

import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.executor.Executor;
import dev.ciorchestrator.executor.RunSpec;
import java.nio.file.Path;
import java.util.Optional;

/** For poll benchmarks whose repository has no jobs: nothing may start. */
final class NoExecutor implements Executor {
  @Override
  public void start(RunRecord run, RunSpec spec) {
    throw new IllegalStateException("no job should start: " + run.id());
  }

  @Override
  public boolean cancel(String runId, String reason) {
    return false;
  }

  @Override
  public void recover(RunRecord run, Optional<RunSpec> spec) {}

  @Override
  public Path logFile(String runId) {
    return Path.of("/dev/null");
  }
}
