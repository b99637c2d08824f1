package dev.ciorchestrator.executor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.config.model.Job;
import dev.ciorchestrator.config.model.SourcePosition;
import dev.ciorchestrator.domain.RunKey;
import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.domain.RunState;
import dev.ciorchestrator.domain.TestRuns;
import dev.ciorchestrator.executor.local.GitRepo;
import dev.ciorchestrator.run.RunStore;
import dev.ciorchestrator.run.file.FileRunStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link Executor} must do, proved the same way for each: a subclass supplies the
 * executor ({@link #createExecutor}) and what it can do ({@link #capabilities}), and inherits every
 * test. The scripts are POSIX sh with busybox tools (echo, cat, sleep, env, grep, sort), so they
 * run unchanged in a minimal image; they signal through their logs, never through files outside the
 * workspace, which a container or a pod cannot see.
 *
 * <p>The contract, in the words of {@link Executor}: a run moves {@code pending -> running ->
 * terminal}, told to the listener; exit 0 is {@code success}, any other exit code {@code failure}
 * with the message {@code exit code N}; a timeout is {@code failure} with {@code timed out after
 * <timeout>}; a cancel is {@code aborted} with the caller's reason, queued or running; a merge
 * conflict is {@code error} naming head, base and path, and starts nothing; {@code maxConcurrency}
 * queues; recovery starts a pending run and ends a running one it cannot find in {@code error};
 * after a restart (a new executor on the same store, while the old one's jobs go on) a run still
 * running is followed to its end and runs once, and a run that ended while nobody watched keeps its
 * result; the script sees the run's variables and the job's env, and the job cannot override the
 * run's.
 */
public abstract class ExecutorContract {
  protected static final String REPO = "demo/app";
  protected static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");

  /**
   * What a subclass builds its executor from: the executor must keep its records in {@code store},
   * tell {@code listener} of every move, and may keep files under {@code workDir}.
   */
  public record Setup(
      RunStore store, RunListener listener, Path workDir, Clock clock, ExecutorService pool) {}

  /**
   * What differs between executors.
   *
   * @param name the executor's name as jobs choose it; a run it ran keeps it in its record
   * @param image the job image (the process executor ignores it)
   * @param liveLogs whether a running run's log shows its output before the run ends; without that,
   *     a test waits for {@code running} instead of for the script's first line
   */
  public record Capabilities(String name, String image, boolean liveLogs) {}

  @TempDir protected Path tmp;
  protected GitRepo git;
  protected String head;
  protected String base;
  protected RunStore store;
  protected Executor executor;
  protected Setup setup;
  protected final List<RunRecord> heard = new CopyOnWriteArrayList<>();
  private final ExecutorService pool = Executors.newCachedThreadPool();

  /** The executor under test; called once per test, after the repository and store exist. */
  protected abstract Executor createExecutor(Setup setup) throws Exception;

  protected abstract Capabilities capabilities();

  /**
   * The orchestrator dies: the current executor stops following its runs (records nothing more),
   * which go on where they run.
   */
  protected abstract void crash() throws Exception;

  /** A new orchestrator on the same store, work dir and cluster, after {@link #crash}. */
  protected abstract Executor startAgain(Setup setup) throws Exception;

  /** Until the run's job has ended, with no executor following it (between the two). */
  protected abstract void awaitEndedUnwatched(RunRecord run) throws Exception;

  /**
   * After a timeout or cancel: nothing of the run is left (no container, no Job). The process
   * executor's own tests check its process tree.
   */
  protected void assertNothingLeft(RunRecord run) throws Exception {}

  @BeforeEach
  void setUpContract() throws Exception {
    git = GitRepo.init(tmp.resolve("repo"));
    git.write("README.md", "hello\n").commit("root");
    git.checkout("feature", true);
    // a head of its own per test: the same SHA would give every test the same run ids, and a
    // container a previous test cancelled may still hold its name while podman removes it
    head =
        git.write("feature.txt", "feature\n")
            .write(".test-id", UUID.randomUUID() + "\n")
            .commit("feature");
    git.checkout("main", false);
    base = git.write("main.txt", "main\n").commit("main moves on");
    store = new FileRunStore(tmp.resolve("runs"));
    setup =
        new Setup(store, heard::add, tmp.resolve("work"), Clock.fixed(T0, ZoneOffset.UTC), pool);
    executor = createExecutor(setup);
  }

  @AfterEach
  void tearDownContract() throws Exception {
    // a run a failed test left behind must not outlive it (a container keeps running otherwise)
    for (RunRecord run : store.all()) {
      if (!run.state().terminal()) {
        executor.cancel(run.id(), "test over");
      }
    }
    pool.shutdown();
    git.close();
  }

  protected Job job(
      String name, String script, int maxConcurrency, Duration timeout, Map<String, String> env) {
    return new Job(
        name,
        List.of(REPO),
        new Job.Triggers(null, null, null, "/test " + name),
        null,
        true,
        capabilities().image(),
        script,
        env,
        timeout,
        maxConcurrency,
        Job.Resources.NONE,
        0,
        null,
        List.of(),
        SourcePosition.ofFile("jobs.yaml"));
  }

  protected Job job(String name, String script) {
    return job(name, script, 0, Duration.ofSeconds(60), Map.of());
  }

  protected RunRecord pending(RunKey key) throws IOException {
    RunRecord run = TestRuns.pending(key, T0);
    assertThat(store.create(run)).isTrue();
    return run;
  }

  /** A change run of {@code job}: its head merged onto main. */
  protected RunRecord start(Job job, long change) throws IOException {
    RunRecord run = pending(RunKey.forChange(REPO, change, head, job.name(), 1));
    executor.start(run, spec(job, head));
    return run;
  }

  protected RunSpec spec(Job job, String headSha) {
    return new RunSpec(job, git.dir(), "main", headSha);
  }

  protected RunRecord await(String id, Predicate<RunRecord> until) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      Optional<RunRecord> run = store.get(id);
      if (run.isPresent() && until.test(run.get())) {
        return run.get();
      }
      Thread.sleep(20);
    }
    throw new AssertionError("run " + id + " did not get there: " + store.get(id));
  }

  protected RunRecord done(RunRecord run) throws Exception {
    return await(run.id(), r -> r.state().terminal());
  }

  protected String log(RunRecord run) throws IOException {
    Path file = executor.logFile(run.id());
    return Files.exists(file) ? Files.readString(file) : "";
  }

  /** Until the script runs: its first line is in the log (or, without live logs, it is running). */
  protected void awaitStarted(RunRecord run) throws Exception {
    await(run.id(), r -> r.state() == RunState.RUNNING);
    if (!capabilities().liveLogs()) {
      return;
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!log(run).contains("started") && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(log(run)).as("the script's first line").contains("started");
  }

  private List<RunState> heardOf(RunRecord run) {
    return heard.stream().filter(r -> r.id().equals(run.id())).map(RunRecord::state).toList();
  }

  @Test
  void successCapturesTheLogOfTheMergedTree() throws Exception {
    RunRecord run = start(job("unit", "echo hello\ncat feature.txt main.txt"), 7);

    RunRecord end = done(run);

    assertThat(end.state()).as(end.message()).isEqualTo(RunState.SUCCESS);
    assertThat(end.baseSha()).isEqualTo(base);
    assertThat(end.executor())
        .as("routes its log after a restart")
        .isEqualTo(capabilities().name());
    assertThat(log(run)).isEqualTo("hello\nfeature\nmain\n");
    assertThat(heardOf(run)).containsExactly(RunState.RUNNING, RunState.SUCCESS);
  }

  @Test
  void aFailingExitCodeIsAFailureNamingIt() throws Exception {
    RunRecord run = start(job("unit", "echo failing\nexit 3"), 7);

    RunRecord end = done(run);

    assertThat(end.state()).isEqualTo(RunState.FAILURE);
    assertThat(end.message()).isEqualTo("exit code 3");
    assertThat(log(run)).isEqualTo("failing\n");
  }

  @Test
  void aFailingCommandStopsTheScript() throws Exception {
    RunRecord run = start(job("unit", "echo one\nfalse\necho never"), 7);

    RunRecord end = done(run);

    assertThat(end.state()).isEqualTo(RunState.FAILURE);
    assertThat(log(run)).isEqualTo("one\n");
  }

  @Test
  void aTimeoutFailsTheRunAndLeavesNothingRunning() throws Exception {
    RunRecord run =
        start(job("slow", "echo started\nsleep 60", 0, Duration.ofSeconds(1), Map.of()), 7);

    RunRecord end = done(run);

    assertThat(end.state()).isEqualTo(RunState.FAILURE);
    assertThat(end.message()).isEqualTo("timed out after 1s");
    assertNothingLeft(run);
  }

  @Test
  void cancelWhileRunningAbortsWithTheReasonAndLeavesNothingRunning() throws Exception {
    RunRecord run = start(job("slow", "echo started\nsleep 60"), 7);
    awaitStarted(run);

    assertThat(executor.cancel(run.id(), "superseded by a new head")).isTrue();

    RunRecord end = done(run);
    assertThat(end.state()).isEqualTo(RunState.ABORTED);
    assertThat(end.message()).isEqualTo("superseded by a new head");
    assertThat(heardOf(run)).containsExactly(RunState.RUNNING, RunState.ABORTED);
    assertNothingLeft(run);
    assertThat(executor.cancel(run.id(), "again")).as("no longer held").isFalse();
  }

  @Test
  void cancelWhileQueuedAbortsAndItNeverRuns() throws Exception {
    RunRecord first =
        start(job("one", "echo started\nsleep 60", 1, Duration.ofMinutes(1), Map.of()), 7);
    awaitStarted(first);
    RunRecord second = start(job("one", "echo second ran", 1, Duration.ofMinutes(1), Map.of()), 8);

    assertThat(executor.cancel(second.id(), "change closed")).isTrue();

    RunRecord end = done(second);
    assertThat(end.state()).isEqualTo(RunState.ABORTED);
    assertThat(end.message()).isEqualTo("change closed");
    assertThat(heardOf(second)).containsExactly(RunState.ABORTED);
    assertThat(executor.cancel(first.id(), "test over")).isTrue();
    assertThat(done(first).state()).isEqualTo(RunState.ABORTED);
    assertThat(log(second)).doesNotContain("second ran");
  }

  @Test
  void maxConcurrencyQueuesARunUntilASlotIsFree() throws Exception {
    RunRecord first =
        start(job("one", "echo started\nsleep 60", 1, Duration.ofMinutes(1), Map.of()), 7);
    awaitStarted(first);
    RunRecord second = start(job("one", "echo second", 1, Duration.ofMinutes(1), Map.of()), 8);
    // another job has its own limit: it runs, and gives the queued run every chance to start too
    RunRecord other = start(job("other", "echo other"), 9);
    assertThat(done(other).state()).isEqualTo(RunState.SUCCESS);

    assertThat(store.get(second.id()).orElseThrow().state())
        .as("waits while the first holds the job's one slot")
        .isEqualTo(RunState.PENDING);

    executor.cancel(first.id(), "make room");
    RunRecord end = done(second);
    assertThat(end.state()).as(end.message()).isEqualTo(RunState.SUCCESS);
    assertThat(log(second)).isEqualTo("second\n");
  }

  @Test
  void aMergeConflictIsAnErrorNamingHeadBaseAndPathAndStartsNothing() throws Exception {
    git.checkout("conflict", true);
    String conflicting = git.write("README.md", "theirs\n").commit("theirs");
    git.checkout("main", false);
    git.write("README.md", "ours\n").commit("ours");
    RunRecord run = pending(RunKey.forChange(REPO, 9, conflicting, "unit", 1));
    executor.start(run, spec(job("unit", "echo ran"), conflicting));

    RunRecord end = done(run);

    assertThat(end.state()).isEqualTo(RunState.ERROR);
    assertThat(end.message())
        .isEqualTo(
            "head "
                + conflicting.substring(0, 7)
                + " does not merge cleanly into main: conflict in README.md");
    assertThat(log(run)).doesNotContain("ran");
    assertThat(heardOf(run)).containsExactly(RunState.ERROR);
  }

  @Test
  void recoverStartsAPendingRun() throws Exception {
    RunRecord run = pending(RunKey.forChange(REPO, 7, head, "unit", 1));

    executor.recover(run, Optional.of(spec(job("unit", "echo recovered"), head)));

    RunRecord end = done(run);
    assertThat(end.state()).as(end.message()).isEqualTo(RunState.SUCCESS);
    assertThat(log(run)).isEqualTo("recovered\n");
  }

  @Test
  void recoverEndsARunningRunItDoesNotHoldInError() throws Exception {
    RunRecord run = pending(RunKey.forChange(REPO, 7, head, "unit", 1));
    RunRecord running = run.withState(RunState.RUNNING, T0, "");
    store.update(running);

    executor.recover(running, Optional.of(spec(job("unit", "echo again"), head)));

    RunRecord end = done(run);
    assertThat(end.state()).isEqualTo(RunState.ERROR);
    assertThat(end.message()).isNotEmpty();
    assertThat(log(run)).doesNotContain("again");
  }

  @Test
  void afterARestartARunStillRunningIsFollowedToItsEndAndRunsOnce() throws Exception {
    Job slow = job("slow", "echo started\nsleep 2\necho finished");
    RunRecord run = start(slow, 7);
    awaitStarted(run);

    crash();
    executor = startAgain(setup);
    executor.recover(store.get(run.id()).orElseThrow(), Optional.of(spec(slow, head)));

    RunRecord end = done(run);
    assertThat(end.state()).as(end.message()).isEqualTo(RunState.SUCCESS);
    assertThat(log(run)).as("the one execution's log, whole").isEqualTo("started\nfinished\n");
  }

  @Test
  void afterARestartARunThatEndedWhileNobodyWatchedKeepsItsResult() throws Exception {
    Job quick = job("quick", "echo started\nsleep 1\necho finished");
    RunRecord run = start(quick, 7);
    awaitStarted(run);

    crash();
    awaitEndedUnwatched(run);
    RunRecord stale = store.get(run.id()).orElseThrow();
    assertThat(stale.state()).as("nobody recorded its end").isEqualTo(RunState.RUNNING);
    executor = startAgain(setup);
    executor.recover(stale, Optional.of(spec(quick, head)));

    RunRecord end = done(run);
    assertThat(end.state()).as(end.message()).isEqualTo(RunState.SUCCESS);
    assertThat(log(run)).isEqualTo("started\nfinished\n");
  }

  @Test
  void recoverWithoutTheJobIsAnError() throws Exception {
    RunRecord run = pending(RunKey.forChange(REPO, 7, head, "gone", 1));

    executor.recover(run, Optional.empty());

    RunRecord end = done(run);
    assertThat(end.state()).isEqualTo(RunState.ERROR);
    assertThat(end.message()).isEqualTo("job no longer in the config");
  }

  @Test
  void theScriptSeesTheRunVariablesAndTheJobCannotOverrideThem() throws Exception {
    String names =
        "CI|JOB_NAME|RUN_ID|REPO|CHANGE|BASE_REF|BASE_SHA|HEAD_SHA|CONFIG_REVISION|EXTRA";
    Job job =
        job(
            "env",
            "env | grep -E '^(" + names + ")=' | sort",
            0,
            Duration.ofMinutes(1),
            Map.of("RUN_ID", "fake", "CI", "false", "EXTRA", "from the job"));
    RunRecord run = start(job, 7);

    RunRecord end = done(run);
    assertThat(end.state()).as(end.message()).isEqualTo(RunState.SUCCESS);
    assertThat(log(run).lines())
        .containsExactly(
            "BASE_REF=main",
            "BASE_SHA=" + base,
            "CHANGE=7",
            "CI=true",
            "CONFIG_REVISION=cfg1",
            "EXTRA=from the job",
            "HEAD_SHA=" + head,
            "JOB_NAME=env",
            "REPO=" + REPO,
            "RUN_ID=" + run.id());
  }
}
