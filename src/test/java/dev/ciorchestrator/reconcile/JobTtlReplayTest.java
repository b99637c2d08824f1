package dev.ciorchestrator.reconcile;

import static dev.ciorchestrator.reconcile.Fixture.change;
import static dev.ciorchestrator.reconcile.Fixture.config;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.config.model.ConfigSnapshot;
import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.domain.Trigger;
import dev.ciorchestrator.executor.kubernetes.ApiServer;
import dev.ciorchestrator.executor.kubernetes.KubeHarness;
import dev.ciorchestrator.executor.process.JobSlots;
import dev.ciorchestrator.report.RunLinks;
import dev.ciorchestrator.run.ControllerMemory;
import dev.ciorchestrator.run.RunStore;
import dev.ciorchestrator.run.file.FileRunStore;
import dev.ciorchestrator.run.file.FileWatermarks;
import dev.ciorchestrator.run.postgres.PostgresRunStore;
import dev.ciorchestrator.testing.PostgresServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 16: after a run's Kubernetes Job is deleted by its {@code ttlSecondsAfterFinished}, nothing
 * in the cluster remembers the run; the store must. A replayed event (the same webhook again, a
 * re-list after a restart, the same start action replayed after a crash) then never starts it
 * again. The CRUD mock API server with the fake kubelet, and the file store or a real PostgreSQL.
 */
class JobTtlReplayTest {
  private static final Duration PATIENCE = Duration.ofSeconds(60);

  @TempDir Path tmp;
  private final FakeForge forge = new FakeForge();
  private final ConfigSnapshot snapshot = config().jobs("go-test").build();
  private final ControllerMemory memory = ControllerMemory.inMemory();
  private KubeHarness kube;

  @AfterEach
  void stop() {
    if (kube != null) {
      kube.close();
    }
  }

  private RunStore store(String kind) throws Exception {
    if (kind.equals("file")) {
      return new FileRunStore(tmp.resolve("records"));
    }
    DataSource db = PostgresServer.dataSource(PostgresServer.shared().newDatabase());
    Flyway.configure().dataSource(db).locations("classpath:db/migration").load().migrate();
    return new PostgresRunStore(db);
  }

  private RepoReconciler reconciler(RunStore store) throws Exception {
    return new RepoReconciler(
        Map.of("local", forge),
        store,
        kube.executor(),
        new FileWatermarks(tmp.resolve("watermarks.json")),
        memory,
        Clock.systemUTC(),
        new RunLinks("http://ci"),
        Duration.ofMinutes(5),
        LoopMetrics.NONE);
  }

  private int pass(RepoReconciler reconciler) throws Exception {
    return reconciler.reconcile(snapshot, snapshot.repositories().get(0));
  }

  @ParameterizedTest(name = "{0} store")
  @ValueSource(strings = {"file", "postgres"})
  void aRunWhoseJobItsTtlDeletedIsNeverStartedAgainByAReplayedEvent(String kind) throws Exception {
    RunStore store = store(kind);
    kube = new KubeHarness(tmp, store, new JobSlots(), KubeHarness.ignore());
    forge.open(change().state());
    RepoReconciler reconciler = reconciler(store);

    pass(reconciler);
    RunRecord done = awaitTerminal(store);
    assertThat(kube.api.jobCreates()).isEqualTo(1);

    ttlDeletesEveryJob(kube.api.client());

    // the same webhook delivered again: a pass over the repository
    forge.setLabel(Fixture.REPO, 12, "replayed", true); // news, so the change is planned again
    pass(reconciler);
    // a restart: the executor lists the cluster again (no Job), the loop recovers from the store
    kube.restart();
    reconciler = reconciler(store);
    pass(reconciler);
    // a crash between creating the run and acknowledging it: the same start action again
    Action.StartRun replayed =
        new Action.StartRun(done.key(), Trigger.PULL_REQUEST, "alice", "", "replayed");
    new ActionExecutor(store, kube.executor(), memory, Clock.systemUTC())
        .execute(
            List.of(replayed),
            new ActionExecutor.Target(
                snapshot, forge, Fixture.REPO, change().state().change(), Path.of("/nonexistent")));

    assertThat(kube.api.jobCreates()).as("Jobs created").isEqualTo(1);
    assertThat(jobs(kube.api.client())).as("Jobs in the cluster").isZero();
    assertThat(store.all()).containsExactly(done);
  }

  private static RunRecord awaitTerminal(RunStore store) throws Exception {
    Instant deadline = Instant.now().plus(PATIENCE);
    while (Instant.now().isBefore(deadline)) {
      List<RunRecord> all = store.all();
      if (all.size() == 1 && all.get(0).state().terminal()) {
        return all.get(0);
      }
      Thread.sleep(50);
    }
    throw new AssertionError("the run never ended: " + store.all());
  }

  /** What the TTL controller does once a finished Job's time is up. */
  private static void ttlDeletesEveryJob(KubernetesClient client) throws Exception {
    client.batch().v1().jobs().inNamespace(ApiServer.NAMESPACE).delete();
    Instant deadline = Instant.now().plus(PATIENCE);
    while (jobs(client) > 0) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("the Jobs were never deleted");
      }
      Thread.sleep(50);
    }
  }

  private static int jobs(KubernetesClient client) {
    return client.batch().v1().jobs().inNamespace(ApiServer.NAMESPACE).list().getItems().size();
  }
}
