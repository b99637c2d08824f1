package dev.ciorchestrator.executor.kubernetes;

import dev.ciorchestrator.domain.RunKey;
import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.domain.RunState;
import dev.ciorchestrator.domain.TestRuns;
import dev.ciorchestrator.executor.process.JobSlots;
import dev.ciorchestrator.run.file.FileRunStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Everything the Kubernetes executor does to the API in a run's life, for the RBAC check: start
 * runs and follow them to the end with their logs, cancel one, and recover after a restart.
 */
public final class KubeWorkload {
  private KubeWorkload() {}

  /** The distinct requests the executor (not the simulated kubelet) sent. */
  public static Set<ApiRequest> run(Path tmp) throws Exception {
    FileRunStore store = new FileRunStore(tmp.resolve("records"));
    try (KubeHarness kube = new KubeHarness(tmp, store, new JobSlots(), KubeHarness.ignore())) {
      RunRecord ok = pending(store, "unit", 1);
      kube.executor()
          .start(ok, KubernetesExecutorTest.spec(KubernetesExecutorTest.job("unit", "echo hi")));
      await(store, ok.id(), r -> r.state() == RunState.SUCCESS);

      RunRecord slow = pending(store, "slow", 2);
      kube.executor()
          .start(slow, KubernetesExecutorTest.spec(KubernetesExecutorTest.job("slow", "sleep 30")));
      await(store, slow.id(), r -> r.state() == RunState.RUNNING);
      kube.executor().cancel(slow.id(), "superseded");
      await(store, slow.id(), r -> r.state() == RunState.ABORTED);

      RunRecord lost = pending(store, "late", 3);
      kube.restart()
          .recover(
              lost,
              Optional.of(KubernetesExecutorTest.spec(KubernetesExecutorTest.job("late", "true"))));
      await(store, lost.id(), r -> r.state().terminal());
      return kube.api.distinctRequests();
    }
  }

  private static RunRecord pending(FileRunStore store, String job, long change) throws Exception {
    RunRecord run =
        TestRuns.pending(
            RunKey.forChange("demo/rbac", change, "a".repeat(40), job, 1), Instant.now());
    store.create(run);
    return run;
  }

  private static void await(FileRunStore store, String id, Predicate<RunRecord> until)
      throws Exception {
    for (int i = 0; i < 1200; i++) {
      if (store.get(id).filter(until).isPresent()) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("run " + id + " never got there: " + store.get(id));
  }
}
