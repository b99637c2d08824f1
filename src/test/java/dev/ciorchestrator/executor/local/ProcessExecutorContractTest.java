package dev.ciorchestrator.executor.local;

import dev.ciorchestrator.executor.Executor;
import dev.ciorchestrator.executor.process.JobSlots;
import dev.ciorchestrator.executor.process.ProcessRunner;
import dev.ciorchestrator.executor.workspace.WorkspaceBuilder;
import java.time.Duration;
import java.util.Map;

/** The executor contract for the process executor: bash on this machine. */
class ProcessExecutorContractTest extends LocalExecutorContract {
  @Override
  protected Executor createExecutor(Setup setup) {
    ProcessRunner runner =
        new ProcessRunner("bash", Map.of("PATH", System.getenv("PATH")), Duration.ofMillis(300));
    return new LocalExecutor(
        setup.store(),
        new WorkspaceBuilder(),
        runner,
        new JobSlots(),
        setup.workDir(),
        setup.clock(),
        setup.listener(),
        setup.pool());
  }

  @Override
  protected Capabilities capabilities() {
    return new Capabilities("process", "", true);
  }
}
