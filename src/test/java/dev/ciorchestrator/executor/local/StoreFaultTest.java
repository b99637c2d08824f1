package dev.ciorchestrator.executor.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.config.model.Job;
import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.domain.RunState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run store that fails for a while (a full or read-only disk): no run is left {@code running} or
 * {@code pending} once it works again, and no exit code is lost, even across a restart.
 */
class StoreFaultTest {
  @TempDir Path tmp;
  LocalRuns runs;
  FaultyRunStore store;

  @BeforeEach
  void setUp() throws Exception {
    runs = new LocalRuns(tmp);
    store = new FaultyRunStore(runs.files);
  }

  @AfterEach
  void tearDown() {
    runs.close();
  }

  /** A job that waits for {@code go} before it appends to the ledger and exits. */
  private Job waitingJob() {
    Path go = tmp.resolve("go");
    return Jobs.job(
        "unit",
        "while [ ! -f " + go + " ]; do sleep 0.02; done\necho ran >> " + runs.ledger(),
        0,
        Duration.ofSeconds(60),
        Map.of());
  }

  private void go() throws Exception {
    Files.createFile(tmp.resolve("go"));
  }

  @Test
  void anEndTheStoreRefusedIsStoredOnceItWorksAgain() throws Exception {
    LocalExecutor executor = runs.executor(store);
    Job job = waitingJob();
    RunRecord run = runs.pending(7, job);
    executor.start(run, runs.spec(job));
    runs.await(run.id(), r -> r.state() == RunState.RUNNING);

    store.failNext(3);
    go();

    RunRecord end = runs.done(run);
    assertThat(end.state()).as(end.message()).isEqualTo(RunState.SUCCESS);
    assertThat(store.failed()).isEqualTo(3);
    assertThat(executor.supervision(run.id()).exists())
        .as("kept until the end was stored")
        .isFalse();
  }

  @Test
  void aMoveToRunningTheStoreRefusedIsRetriedAndTheJobRunsOnce() throws Exception {
    LocalExecutor executor = runs.executor(store);
    Job job = Jobs.job("unit", "echo ran >> " + runs.ledger());
    RunRecord run = runs.pending(7, job);
    store.failNext(3);

    executor.start(run, runs.spec(job));

    RunRecord end = runs.done(run);
    assertThat(end.state()).as(end.message()).isEqualTo(RunState.SUCCESS);
    assertThat(store.failed()).isEqualTo(3);
    assertThat(Files.readAllLines(runs.ledger())).containsExactly("ran");
  }

  @Test
  void anEndTheStoreNeverTookBeforeTheServiceDiedIsReadFromTheExitFileAfterTheRestart()
      throws Exception {
    LocalExecutor executor = runs.executor(store);
    Job job = waitingJob();
    RunRecord run = runs.pending(7, job);
    executor.start(run, runs.spec(job));
    runs.await(run.id(), r -> r.state() == RunState.RUNNING);
    store.breakDown();
    go();
    Supervised.awaitExit(executor.supervision(run.id()));

    executor.close(); // the service dies while its end is being retried
    store.heal();
    runs.executor(store);

    RunRecord end = runs.done(run);
    assertThat(end.state()).as(end.message()).isEqualTo(RunState.SUCCESS);
    assertThat(end.message()).isEmpty();
    assertThat(Files.readAllLines(runs.ledger())).containsExactly("ran");
  }

  @Test
  void aRunThatCouldNotBeMarkedRunningBeforeAStopStaysPendingAndRunsOnceAfterTheRestart()
      throws Exception {
    LocalExecutor executor = runs.executor(store);
    Job job = Jobs.job("unit", "echo ran >> " + runs.ledger());
    RunRecord run = runs.pending(7, job);
    store.breakDown();
    executor.start(run, runs.spec(job));
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (store.failed() == 0 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }

    executor.drain(Duration.ZERO, "the service stopped");

    assertThat(runs.files.get(run.id()).orElseThrow().state()).isEqualTo(RunState.PENDING);
    assertThat(runs.ledger()).doesNotExist();
    store.heal();
    runs.executor(store).recover(run, Optional.of(runs.spec(job)));
    assertThat(runs.done(run).state()).isEqualTo(RunState.SUCCESS);
    assertThat(Files.readAllLines(runs.ledger())).containsExactly("ran");
  }
}
