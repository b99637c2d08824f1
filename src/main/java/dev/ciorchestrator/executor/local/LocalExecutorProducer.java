package dev.ciorchestrator.executor.local;

import dev.ciorchestrator.executor.Executor;
import dev.ciorchestrator.executor.RunEvents;
import dev.ciorchestrator.executor.process.JobSlots;
import dev.ciorchestrator.executor.process.ProcessRunner;
import dev.ciorchestrator.executor.workspace.WorkspaceBuilder;
import dev.ciorchestrator.reconcile.RunStore;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The service's one run store and one executor. One of each: two stores on one folder would each
 * cache only their own writes, and two executors would each apply {@code maxConcurrency} alone. The
 * reconcile loop hears about runs by registering with the {@link RunEvents} bean.
 */
@ApplicationScoped
public class LocalExecutorProducer {
  private final AtomicInteger threads = new AtomicInteger();
  private volatile ExecutorService pool; // made with the executor, not with this bean's proxy

  @Produces
  @Singleton
  RunEvents runEvents() {
    return new RunEvents();
  }

  @Produces
  @Singleton
  RunStore runStore(LocalExecutorSettings settings) {
    try {
      return new FileRunStore(settings.workDir().resolve("records"));
    } catch (IOException e) {
      // a damaged record must stop the service: skipping it could start that run twice
      throw new UncheckedIOException("cannot open the run records: " + e.getMessage(), e);
    }
  }

  /** One for the service, so {@code maxConcurrency} holds across runs and metrics see it. */
  @Produces
  @Singleton
  JobSlots jobSlots() {
    return new JobSlots();
  }

  @Produces
  @Singleton
  Executor executor(
      RunStore store,
      LocalExecutorSettings settings,
      Clock clock,
      RunEvents events,
      JobSlots slots) {
    pool =
        Executors.newCachedThreadPool(
            task -> {
              Thread t = new Thread(task, "ci-run-" + threads.incrementAndGet());
              t.setDaemon(true); // a run thread must not keep a stopping service alive
              return t;
            });
    return new LocalExecutor(
        store,
        new WorkspaceBuilder(),
        new ProcessRunner(),
        slots,
        settings.workDir(),
        clock,
        events,
        pool);
  }

  @PreDestroy
  void stop() {
    // running processes are not killed: after a restart recover() records them as lost
    if (pool != null) {
      pool.shutdown();
    }
  }
}
