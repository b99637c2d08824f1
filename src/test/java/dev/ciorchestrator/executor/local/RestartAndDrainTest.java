package dev.ciorchestrator.executor.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.config.model.Job;
import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.domain.RunState;
import dev.ciorchestrator.executor.process.ProcessIdentity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The process executor across restarts (a new executor on the same work dir while the old one's
 * jobs go on, as after {@code kill -9}) and graceful stops ({@link LocalExecutor#drain}), with real
 * processes.
 */
class RestartAndDrainTest {
  private static final String STOPPED = "the service stopped";

  @TempDir Path tmp;
  LocalRuns runs;
  LocalExecutor executor;

  @BeforeEach
  void setUp() throws Exception {
    runs = new LocalRuns(tmp);
    executor = runs.executor(runs.files);
  }

  @AfterEach
  void tearDown() {
    runs.close();
  }

  private RunRecord start(long change, Job job) throws Exception {
    RunRecord run = runs.pending(change, job);
    executor.start(run, runs.spec(job));
    return run;
  }

  /** A pid the job wrote; read while the job surely runs (killed, it may leave an empty file). */
  private long pid(String file) throws Exception {
    Path path = tmp.resolve(file);
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while ((!Files.exists(path) || Files.size(path) == 0) && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    return Long.parseLong(Files.readString(path).strip());
  }

  private Job sleeper() {
    return Jobs.job(
        "slow",
        "echo $$ > "
            + tmp.resolve("pid")
            + "\nsleep 60 & echo $! > "
            + tmp.resolve("child")
            + "\nwait",
        0,
        Duration.ofSeconds(60),
        Map.of());
  }

  @Test
  void aFailingExitCodeOfARunThatEndedWhileTheServiceWasDownIsKept() throws Exception {
    Path go = tmp.resolve("go");
    Job job =
        Jobs.job(
            "unit",
            "while [ ! -f " + go + " ]; do sleep 0.02; done\nexit 3",
            0,
            Duration.ofSeconds(60),
            Map.of());
    RunRecord run = start(7, job);
    runs.await(run.id(), r -> r.state() == RunState.RUNNING);
    executor.close();
    Files.createFile(go);
    Supervised.awaitExit(executor.supervision(run.id()));

    runs.executor(runs.files);

    RunRecord end = runs.done(run);
    assertThat(end.state()).isEqualTo(RunState.FAILURE);
    assertThat(end.message()).isEqualTo("exit code 3");
  }

  @Test
  void aRunWhoseSupervisorWasKilledIsAnErrorAndItsJobIsKilledFirst() throws Exception {
    RunRecord run = start(7, sleeper());
    long job = pid("pid");
    long child = pid("child");
    HeldRun letGo = executor.held().get(run.id());
    executor.close();
    ProcessHandle supervisor =
        executor.supervision(run.id()).supervisor().flatMap(ProcessIdentity::handle).orElseThrow();
    supervisor.destroyForcibly();
    supervisor.onExit().get(30, TimeUnit.SECONDS);
    // the closed executor has seen the supervisor end too, and must have let the job be
    letGo.settled().get(30, TimeUnit.SECONDS);
    assertThat(Processes.alive(job)).as("the job outlived its supervisor").isTrue();

    runs.executor(runs.files);

    RunRecord end = runs.done(run);
    assertThat(end.state()).isEqualTo(RunState.ERROR);
    assertThat(end.message()).startsWith("the run's supervisor is gone and left no exit code");
    assertThat(Processes.alive(job)).isFalse();
    assertThat(Processes.alive(child)).isFalse();
  }

  @Test
  void aStopThatWasNotRecordedBeforeTheServiceDiedIsRecordedByTheNextOne() throws Exception {
    RunRecord run = start(7, sleeper());
    long job = pid("pid");
    executor.close(); // dies right after stopping the job, before recording it
    executor.cancel(run.id(), "superseded by a new head");
    Supervised.awaitExit(executor.supervision(run.id()));

    runs.executor(runs.files);

    RunRecord end = runs.done(run);
    assertThat(end.state()).isEqualTo(RunState.ABORTED);
    assertThat(end.message()).isEqualTo("superseded by a new head");
    assertThat(Processes.alive(job)).isFalse();
  }

  @Test
  void aJobWhoseRunIsAlreadyRecordedAsEndedIsKilledOnTheNextStart() throws Exception {
    RunRecord run = start(7, sleeper());
    long job = pid("pid");
    long child = pid("child");
    executor.close();
    RunRecord running = runs.files.get(run.id()).orElseThrow();
    runs.files.update(running.withState(RunState.ABORTED, LocalRuns.T0, "change #7 closed"));

    LocalExecutor next = runs.executor(runs.files);

    assertThat(Processes.alive(job)).isFalse();
    assertThat(Processes.alive(child)).isFalse();
    assertThat(next.supervision(run.id()).exists()).isFalse();
    assertThat(runs.files.get(run.id()).orElseThrow().message()).isEqualTo("change #7 closed");
  }

  @Test
  void aDrainLetsRunsFinishWithinItsTimeout() throws Exception {
    RunRecord run = start(7, Jobs.job("unit", "sleep 0.5; echo done"));
    runs.await(run.id(), r -> r.state() == RunState.RUNNING);

    executor.drain(Duration.ofSeconds(30), STOPPED);

    RunRecord end = runs.files.get(run.id()).orElseThrow();
    assertThat(end.state()).as(end.message()).isEqualTo(RunState.SUCCESS);
  }

  @Test
  void aDrainStopsWhatOutlastsItsTimeoutAndRecordsItInErrorWithNothingLeft() throws Exception {
    RunRecord run = start(7, sleeper());
    long job = pid("pid");
    long child = pid("child");

    executor.drain(Duration.ofMillis(200), STOPPED);

    RunRecord end = runs.files.get(run.id()).orElseThrow();
    assertThat(end.state()).isEqualTo(RunState.ERROR);
    assertThat(end.message()).isEqualTo(STOPPED);
    assertThat(Processes.alive(job)).isFalse();
    assertThat(Processes.alive(child)).isFalse();
    assertThat(executor.supervision(run.id()).exists()).isFalse();
  }

  @Test
  void onceADrainBeganNoRunStarts() throws Exception {
    Job one =
        Jobs.job(
            "one",
            "echo $RUN_ID >> " + runs.ledger() + "; sleep 60",
            1,
            Duration.ofSeconds(60),
            Map.of());
    RunRecord first = start(7, one);
    runs.awaitLedger();
    RunRecord queued = start(8, one);

    executor.drain(Duration.ZERO, STOPPED);
    RunRecord late = start(9, one);

    assertThat(runs.files.get(first.id()).orElseThrow().state()).isEqualTo(RunState.ERROR);
    assertThat(runs.files.get(queued.id()).orElseThrow().state())
        .as("starts after the restart, never having run")
        .isEqualTo(RunState.PENDING);
    assertThat(runs.files.get(late.id()).orElseThrow().state()).isEqualTo(RunState.PENDING);
    assertThat(Files.readAllLines(runs.ledger())).containsExactly(first.id());
  }
}
