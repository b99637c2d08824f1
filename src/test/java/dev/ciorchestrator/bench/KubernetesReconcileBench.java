package dev.ciorchestrator.bench;

import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.domain.RunState;
import dev.ciorchestrator.executor.RunSpec;
import dev.ciorchestrator.executor.kubernetes.ApiServer;
import dev.ciorchestrator.executor.kubernetes.JobRenderer;
import dev.ciorchestrator.executor.kubernetes.KubeHarness;
import dev.ciorchestrator.executor.kubernetes.KubernetesExecutor;
import dev.ciorchestrator.executor.kubernetes.RenderOptions;
import dev.ciorchestrator.executor.process.JobSlots;
import dev.ciorchestrator.run.file.FileRunStore;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.util.FileUtils;

/**
 * Issue 4: a no-op reconcile while 1,000 Jobs sit in the informer cache. The Kubernetes executor
 * does no work per loop pass (the informers push changes); what a pass or a restart costs is a
 * status lookup per run from the caches, and {@link KubernetesExecutor#recover} of every unfinished
 * record after a restart. Both are timed over 1,000 running Jobs with running pods; neither may
 * send a request.
 */
public final class KubernetesReconcileBench {
  static final int RUNS = 1_000;
  static final int ROUNDS = 50;

  private KubernetesReconcileBench() {}

  public static void main(String[] args) throws Exception {
    Path tmp = Files.createTempDirectory("kube-reconcile-bench");
    try {
      FileRunStore store = new FileRunStore(tmp.resolve("records"));
      List<RunRecord> runs = KubernetesStartBench.pending(store, RUNS);
      try (KubeHarness kube =
          new KubeHarness(tmp, store, new JobSlots(), r -> {}, Duration.ofMinutes(10))) {
        kube.kubelet.runScripts(false);
        JobRenderer renderer = new JobRenderer(RenderOptions.defaults());
        RunSpec spec = new RunSpec(KubernetesStartBench.job(), tmp, "main", null);
        try (KubernetesClient cluster = kube.api.kubeletClient()) {
          for (RunRecord run : runs) {
            cluster
                .batch()
                .v1()
                .jobs()
                .inNamespace(ApiServer.NAMESPACE)
                .resource(renderer.render(run, spec))
                .create();
          }
          while (cluster.pods().inNamespace(ApiServer.NAMESPACE).list().getItems().stream()
                  .filter(p -> p.getStatus() != null && "Running".equals(p.getStatus().getPhase()))
                  .count()
              < RUNS) {
            Thread.sleep(100);
          }
        }
        for (RunRecord run : runs) {
          store.update(run.withState(RunState.RUNNING, Instant.now(), ""));
        }
        KubernetesExecutor executor = kube.restart();
        executor.synced().get(60, TimeUnit.SECONDS);
        int before = kube.api.requests().size();
        Stopwatch.Result lookups =
            Stopwatch.time(
                "status of 1,000 runs from the informer caches",
                ROUNDS,
                () -> {
                  int running = 0;
                  for (RunRecord run : runs) {
                    if (executor
                        .observed(run.id())
                        .map(o -> o.state() == RunState.RUNNING)
                        .orElse(false)) {
                      running++;
                    }
                  }
                  if (running != RUNS) {
                    throw new IllegalStateException(running + " running");
                  }
                  return running;
                });
        List<RunRecord> stored = store.all();
        long start = System.nanoTime();
        for (RunRecord run : stored) {
          executor.recover(run, Optional.of(spec));
        }
        long handedOver = System.nanoTime();
        Thread.sleep(2000); // recovery runs on the executor's pool
        int sent = kube.api.requests().size() - before;
        System.out.println("| benchmark | first (ms) | median (ms) | best (ms) | rounds | goal |");
        System.out.println("|---|---|---|---|---|---|");
        System.out.println(lookups.line("—"));
        System.out.printf(
            "| recover() of 1,000 running records (adopt, follow) | %.1f | — | — | 1 | — |%n",
            (handedOver - start) / 1e6);
        System.out.printf(
            "requests sent by lookups and recovery: %d (Job creates: %d)%n",
            sent, kube.api.jobCreates());
      }
    } finally {
      FileUtils.delete(tmp.toFile(), FileUtils.RECURSIVE | FileUtils.IGNORE_ERRORS);
    }
    System.exit(0); // the mock server's Vert.x threads would keep the JVM alive
  }
}
