package dev.ciorchestrator.executor.container;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.executor.Executor;
import dev.ciorchestrator.executor.local.LocalExecutor;
import dev.ciorchestrator.executor.local.LocalExecutorContract;
import dev.ciorchestrator.executor.process.JobSlots;
import dev.ciorchestrator.executor.workspace.WorkspaceBuilder;

/** The executor contract for the container executor, on real Podman with a local busybox image. */
class ContainerExecutorContractTest extends LocalExecutorContract {
  private Podman podman;

  @Override
  protected Executor createExecutor(Setup setup) throws Exception {
    podman = Podman.require();
    return new LocalExecutor(
        setup.store(),
        new WorkspaceBuilder(),
        new ContainerLauncher(podman.engine()),
        new JobSlots(),
        setup.workDir(),
        setup.clock(),
        setup.listener(),
        setup.pool());
  }

  @Override
  protected Capabilities capabilities() {
    return new Capabilities("container", Podman.IMAGE, true);
  }

  @Override
  protected void assertNothingLeft(RunRecord run) throws Exception {
    assertThat(podman.containers(ContainerLauncher.containerName(run.id())))
        .as("podman ps -a")
        .isEmpty();
  }
}
