package dev.ciorchestrator.executor.local;

import dev.ciorchestrator.domain.RunState;
import dev.ciorchestrator.executor.process.RunningProcess;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * A graceful stop of one {@link LocalExecutor}: queued runs leave the queue and stay {@code
 * pending} (they start after the restart, never having run), running ones get until the drain
 * timeout to finish, and then the rest are stopped and recorded in {@code error} (the machine's
 * doing, not the change's, so {@code retries} applies to them after the restart). It returns once
 * every run's end is stored, or after a bound if a job will not die: the service must exit.
 */
final class Drain {
  private static final Logger LOG = Logger.getLogger(Drain.class);

  /** Beyond the kill grace: time for an engine to stop a container and the end to be stored. */
  private static final Duration PATIENCE = Duration.ofSeconds(15);

  private final LocalExecutor executor;
  private final List<HeldRun> runs;

  Drain(LocalExecutor executor, List<HeldRun> runs) {
    this.executor = executor;
    this.runs = runs;
  }

  void run(Duration timeout, String reason) {
    int queued = 0;
    for (HeldRun run : runs) {
      if (run.ticket().cancel(false)) {
        executor.stop(run, RunState.ERROR, reason); // leaves the queue, stays pending
        queued++;
      }
    }
    List<HeldRun> running = runs.stream().filter(r -> !r.settled().isDone()).toList();
    if (running.isEmpty()) {
      return;
    }
    LOG.infof(
        "%s executor stopping: %d runs running get %s to finish, %d queued ones start after the"
            + " restart",
        executor.name(), running.size(), RunningProcess.human(timeout), queued);
    if (await(running, timeout)) {
      return;
    }
    List<HeldRun> left = running.stream().filter(r -> !r.settled().isDone()).toList();
    LOG.infof(
        "%s executor stopping %d runs still running: %s", executor.name(), left.size(), reason);
    left.forEach(r -> executor.stop(r, RunState.ERROR, reason));
    if (!await(left, executor.launcher().killGrace().multipliedBy(2).plus(PATIENCE))) {
      LOG.warnf(
          "%s executor: %d runs did not end after being stopped; the next start adopts them",
          executor.name(), left.stream().filter(r -> !r.settled().isDone()).count());
    }
  }

  private static boolean await(List<HeldRun> runs, Duration timeout) {
    try {
      CompletableFuture.allOf(runs.stream().map(HeldRun::settled).toArray(CompletableFuture[]::new))
          .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (ExecutionException e) {
      return false; // settled futures never fail; if one did, what it waited for is unknowable
    }
  }
}
