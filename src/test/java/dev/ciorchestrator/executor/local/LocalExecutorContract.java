package dev.ciorchestrator.executor.local;

import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.executor.Executor;
import dev.ciorchestrator.executor.ExecutorContract;

/**
 * The executor contract for the {@link LocalExecutor}s (process and container): a crash is the
 * executor letting go of its runs ({@link LocalExecutor#close}), a restart a new one that adopts
 * them ({@link LocalExecutor#open}), and a job has ended once its supervisor wrote its exit file.
 */
public abstract class LocalExecutorContract extends ExecutorContract {
  @Override
  protected void crash() {
    ((LocalExecutor) executor).close();
  }

  @Override
  protected Executor startAgain(Setup setup) throws Exception {
    return ((LocalExecutor) createExecutor(setup)).open();
  }

  @Override
  protected void awaitEndedUnwatched(RunRecord run) throws InterruptedException {
    Supervised.awaitExit(((LocalExecutor) executor).supervision(run.id()));
  }
}
