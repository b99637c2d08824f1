package dev.ciorchestrator.executor.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.config.model.ExecutorKind;
import dev.ciorchestrator.domain.RunKey;
import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.domain.RunState;
import dev.ciorchestrator.domain.TestRuns;
import dev.ciorchestrator.executor.Executor;
import dev.ciorchestrator.executor.RunSpec;
import dev.ciorchestrator.run.RunStore;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The service with {@code ci.executor.kubernetes.enabled=true} against Quarkus' Kubernetes test
 * server in CRUD mode: the producer builds the executor on the service's client, store and slots.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@TestProfile(KubernetesExecutorWiringTest.Enabled.class)
class KubernetesExecutorWiringTest {
  public static final class Enabled implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "ci.executor.kubernetes.enabled", "true",
          "ci.executor.kubernetes.namespace", "ci-wiring",
          "ci.executor.enabled", "process,kubernetes");
    }
  }

  @KubernetesTestServer KubernetesServer server;
  @Inject Instance<KubernetesExecutor> executors;
  @Inject RunStore store;
  @Inject Executor router;

  /**
   * The service's executor routes a job choosing {@code executor: kubernetes} to a Job, and stamps
   * the run with the executor once it runs.
   */
  @Test
  void aJobChoosingKubernetesBecomesAJobThroughTheServicesExecutor() throws Exception {
    dev.ciorchestrator.config.model.Job base = KubernetesExecutorTest.job("unit", "true");
    dev.ciorchestrator.config.model.Job chosen =
        new dev.ciorchestrator.config.model.Job(
            base.name(),
            base.repos(),
            base.triggers(),
            base.when(),
            base.required(),
            base.image(),
            base.run(),
            base.env(),
            base.timeout(),
            base.maxConcurrency(),
            base.resources(),
            base.retries(),
            ExecutorKind.KUBERNETES,
            base.callbacks(),
            base.source());
    RunRecord run =
        TestRuns.pending(
            RunKey.forChange("demo/routed-" + System.nanoTime(), 8, "d".repeat(40), "unit", 1),
            Instant.now());
    store.create(run);

    router.start(run, new RunSpec(chosen, Path.of("x"), "main", "d".repeat(40)));

    Job job = awaitJob(run.id());
    assertThat(job.getMetadata().getLabels()).containsEntry(JobNames.LABEL_RUN, run.id());
    assertThat(router.cancel(run.id(), "test over")).isTrue();
  }

  @Test
  void aStartedRunBecomesAJobInTheConfiguredNamespaceAndCancelDeletesIt() throws Exception {
    assertThat(executors.isResolvable()).isTrue();
    KubernetesExecutor executor = executors.get();
    RunRecord run =
        TestRuns.pending(
            RunKey.forChange("demo/wiring-" + System.nanoTime(), 7, "c".repeat(40), "unit", 1),
            Instant.now());
    store.create(run);

    executor.start(
        run,
        new RunSpec(
            KubernetesExecutorTest.job("unit", "true"), Path.of("x"), "main", "c".repeat(40)));

    Job job = awaitJob(run.id());
    assertThat(job.getMetadata().getLabels())
        .containsEntry(JobNames.MANAGED_BY, JobNames.MANAGER)
        .containsEntry(JobNames.LABEL_RUN, run.id());
    assertThat(executor.cancel(run.id(), "change closed")).isTrue();
    for (int i = 0; i < 200 && store.get(run.id()).orElseThrow().state() != RunState.ABORTED; i++) {
      Thread.sleep(50);
    }
    assertThat(store.get(run.id())).map(RunRecord::state).isEqualTo(Optional.of(RunState.ABORTED));
    assertThat(jobNamed(run.id())).isNull();
  }

  private Job awaitJob(String name) throws InterruptedException {
    for (int i = 0; i < 200; i++) {
      Job job = jobNamed(name);
      if (job != null) {
        return job;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no Job " + name);
  }

  private Job jobNamed(String name) {
    return server.getClient().batch().v1().jobs().inNamespace("ci-wiring").withName(name).get();
  }
}
