package dev.ciorchestrator.executor.wiring;

import dev.ciorchestrator.config.model.ExecutorKind;
import dev.ciorchestrator.executor.Executor;
import dev.ciorchestrator.executor.ExecutorRouter;
import dev.ciorchestrator.executor.ExecutorSettings;
import dev.ciorchestrator.executor.RunArtifacts;
import dev.ciorchestrator.executor.RunEvents;
import dev.ciorchestrator.executor.RunHooks;
import dev.ciorchestrator.executor.container.ContainerLauncher;
import dev.ciorchestrator.executor.container.ContainerSettings;
import dev.ciorchestrator.executor.kubernetes.KubernetesExecutor;
import dev.ciorchestrator.executor.local.LocalExecutor;
import dev.ciorchestrator.executor.local.LocalExecutorSettings;
import dev.ciorchestrator.executor.local.ProcessLauncher;
import dev.ciorchestrator.executor.process.JobSlots;
import dev.ciorchestrator.executor.process.Launcher;
import dev.ciorchestrator.executor.process.ProcessRunner;
import dev.ciorchestrator.executor.workspace.WorkspaceBuilder;
import dev.ciorchestrator.run.RunStore;
import dev.ciorchestrator.run.WriteFence;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * The service's one executor (a router over the enabled ones). One {@link JobSlots}: executors with
 * their own would each apply {@code maxConcurrency} alone. The reconcile loop hears about runs by
 * registering with the {@link RunEvents} bean.
 */
@ApplicationScoped
public class LocalExecutorProducer {
  private static final Logger LOG = Logger.getLogger(LocalExecutorProducer.class);

  /** In each stopped run's record: the service, not the job, ended it. */
  static final String STOPPED =
      "the service stopped while this run was running and stopped it; it counts as an"
          + " infrastructure error (retried after the restart if the job has retries)";

  private final AtomicInteger threads = new AtomicInteger();
  // made with the executor, not with this bean's proxy
  private volatile ExecutorService pool;
  private final List<LocalExecutor> locals = new CopyOnWriteArrayList<>();
  private volatile Duration drainTimeout = Duration.ZERO;

  @Produces
  @Singleton
  RunEvents runEvents() {
    return new RunEvents();
  }

  /** One for the service, so {@code maxConcurrency} holds across runs and metrics see it. */
  @Produces
  @Singleton
  JobSlots jobSlots() {
    return new JobSlots();
  }

  /**
   * The {@link ExecutorRouter} over every executor {@code ci.executor.enabled} lists. The process
   * and container executors share the work dir (one layout of workspaces and logs by run id) and
   * the {@link JobSlots}, so {@code maxConcurrency} holds across both.
   */
  @Produces
  @Singleton
  Executor executor(
      RunStore store,
      LocalExecutorSettings settings,
      ExecutorSettings choice,
      ContainerSettings container,
      Clock clock,
      RunEvents events,
      JobSlots slots,
      RunHooks hooks,
      Instance<KubernetesExecutor> kubernetes,
      RunArtifacts artifacts,
      WriteFence fence) {
    drainTimeout = choice.drainTimeout();
    pool =
        Executors.newCachedThreadPool(
            task -> {
              Thread t = new Thread(task, "ci-run-" + threads.incrementAndGet());
              t.setDaemon(true); // a run thread must not keep a stopping service alive
              return t;
            });
    Map<ExecutorKind, Launcher> launchers = new EnumMap<>(ExecutorKind.class);
    launchers.put(ExecutorKind.PROCESS, new ProcessLauncher(new ProcessRunner()));
    launchers.put(ExecutorKind.CONTAINER, new ContainerLauncher(container.toEngine()));
    Map<ExecutorKind, Executor> executors = new EnumMap<>(ExecutorKind.class);
    for (ExecutorKind kind : choice.enabled()) {
      Launcher launcher = launchers.get(kind);
      if (launcher != null) {
        LocalExecutor local =
            new LocalExecutor(
                store,
                new WorkspaceBuilder(),
                launcher,
                slots,
                settings.workDir(),
                clock,
                events,
                pool);
        local.collecting(artifacts).withHooks(hooks);
        if (fence.isOpen()) {
          local.open(); // before the loop's first pass: adopted runs hold their slots
        } // else a follower: it adopts nothing, its leader's recovery pass does
        // (LocalExecutor#recover)
        locals.add(local);
        executors.put(kind, local);
      }
    }
    if (choice.enabled().contains(ExecutorKind.KUBERNETES)) {
      // built only here, so a deployment without kubernetes in ci.executor.enabled needs no cluster
      if (!kubernetes.isResolvable()) {
        throw new IllegalStateException(
            "ci.executor.enabled lists kubernetes, but ci.executor.kubernetes.enabled is not true:"
                + " set it, with ci.executor.kubernetes.namespace and the other settings of"
                + " docs/kubernetes-executor.md");
      }
      executors.put(ExecutorKind.KUBERNETES, kubernetes.get());
    }
    ExecutorRouter router =
        new ExecutorRouter(executors, choice.defaultExecutor(), store, clock, events);
    events.register(router::forget);
    return router;
  }

  /**
   * A graceful stop drains the local executors: no run starts any more, running ones get {@code
   * ci.executor.drain-timeout} to finish, the rest are stopped and recorded in {@code error}, so no
   * job outlives the service. It observes the {@link ShutdownEvent}, which Quarkus fires before it
   * destroys any bean (the store and the listeners still work), and early among its observers:
   * before the reconcile service gives up its lease, so no other replica recovers these runs while
   * they still run here. Quarkus sets no time limit on this ({@code quarkus.shutdown.timeout}
   * bounds only the wait for HTTP requests in flight); the drain bounds itself.
   */
  void drain(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) ShutdownEvent event) {
    for (LocalExecutor local : locals) {
      local.drain(drainTimeout, STOPPED);
    }
    if (!locals.isEmpty()) {
      LOG.info("local executors stopped; no job of theirs is left running");
    }
  }

  @PreDestroy
  void stop() {
    if (pool != null) {
      pool.shutdown();
    }
  }
}
