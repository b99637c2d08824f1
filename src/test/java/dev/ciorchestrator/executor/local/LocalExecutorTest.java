package dev.ciorchestrator.executor.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.config.model.Job;
import dev.ciorchestrator.domain.RunKey;
import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.domain.RunState;
import dev.ciorchestrator.domain.TestRuns;
import dev.ciorchestrator.executor.RunSpec;
import dev.ciorchestrator.executor.process.JobSlots;
import dev.ciorchestrator.executor.process.ProcessRunner;
import dev.ciorchestrator.executor.workspace.WorkspaceBuilder;
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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local executor on real repositories and real bash: base {@code main}, change on feature. */
class LocalExecutorTest {
  static final String REPO = "demo/app";
  static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");

  @TempDir Path tmp;
  GitRepo git;
  String root;
  String head;
  String base;
  FileRunStore store;
  JobSlots slots;
  LocalExecutor executor;
  final List<RunRecord> heard = new CopyOnWriteArrayList<>();
  final ExecutorService pool = Executors.newCachedThreadPool();

  @BeforeEach
  void setUp() throws Exception {
    git = GitRepo.init(tmp.resolve("repo"));
    root = git.write("README.md", "hello\n").commit("root");
    git.checkout("feature", true);
    head = git.write("feature.txt", "feature\n").commit("feature");
    git.checkout("main", false);
    base = git.write("main.txt", "main\n").commit("main moves on");
    store = new FileRunStore(tmp.resolve("runs"));
    slots = new JobSlots();
    ProcessRunner runner =
        new ProcessRunner("bash", Map.of("PATH", System.getenv("PATH")), Duration.ofMillis(300));
    executor =
        new LocalExecutor(
            store,
            new WorkspaceBuilder(),
            runner,
            slots,
            tmp.resolve("work"),
            Clock.fixed(T0, ZoneOffset.UTC),
            heard::add,
            pool);
  }

  @AfterEach
  void tearDown() {
    pool.shutdownNow();
    git.close();
  }

  RunRecord pending(RunKey key) throws IOException {
    RunRecord run = TestRuns.pending(key, T0);
    assertThat(store.create(run)).isTrue();
    return run;
  }

  RunRecord change(Job job, long number) throws IOException {
    RunRecord run = pending(RunKey.forChange(REPO, number, head, job.name(), 1));
    executor.start(run, new RunSpec(job, git.dir(), "main", head));
    return run;
  }

  RunRecord await(String id, Predicate<RunRecord> until) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      Optional<RunRecord> run = store.get(id);
      if (run.isPresent() && until.test(run.get())) {
        return run.get();
      }
      Thread.sleep(20);
    }
    throw new AssertionError("run " + id + " did not get there: " + store.get(id));
  }

  RunRecord done(RunRecord run) throws InterruptedException {
    return await(run.id(), r -> r.state().terminal());
  }

  String log(RunRecord run) throws IOException {
    return Files.readString(executor.logFile(run.id()));
  }

  /**
   * What the listener heard once it heard {@code count} records: it is told after the store is
   * written, so a test that saw the record end may still be ahead of the listener.
   */
  List<RunState> heardStates(int count) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (heard.size() < count && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    return heard.stream().map(RunRecord::state).toList();
  }

  void awaitFile(Path file) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!Files.exists(file) && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(file).exists();
  }

  @Test
  void successRunsTheMergeAndRecordsTheRealBase() throws Exception {
    RunRecord run = change(Jobs.job("unit", "cat feature.txt main.txt"), 7);

    RunRecord end = done(run);

    assertThat(end.state()).isEqualTo(RunState.SUCCESS);
    assertThat(end.baseSha()).isEqualTo(base);
    assertThat(end.startedAt()).isEqualTo(T0);
    assertThat(log(run)).isEqualTo("feature\nmain\n");
    assertThat(executor.workspace(run.id())).doesNotExist();
    assertThat(heardStates(2)).containsExactly(RunState.RUNNING, RunState.SUCCESS);
    assertThat(slots.running(REPO + "/unit")).isZero();
  }

  @Test
  void failureKeepsTheExitCode() throws Exception {
    RunRecord end = done(change(Jobs.job("unit", "echo failing; exit 3"), 7));

    assertThat(end.state()).isEqualTo(RunState.FAILURE);
    assertThat(end.message()).isEqualTo("exit code 3");
  }

  @Test
  void theScriptSeesEveryRunVariableAndTheJobCannotOverrideThem() throws Exception {
    String names =
        "CI|JOB_NAME|RUN_ID|REPO|CHANGE|BASE_REF|BASE_SHA|HEAD_SHA|CONFIG_REVISION|EXTRA";
    Job job =
        Jobs.job(
            "env",
            "env | grep -E '^(" + names + ")=' | sort",
            0,
            Duration.ofSeconds(30),
            Map.of("RUN_ID", "fake", "CI", "false", "EXTRA", "from-job"));
    RunRecord run = change(job, 7);

    assertThat(done(run).state()).isEqualTo(RunState.SUCCESS);
    assertThat(log(run).lines())
        .containsExactly(
            "BASE_REF=main",
            "BASE_SHA=" + base,
            "CHANGE=7",
            "CI=true",
            "CONFIG_REVISION=cfg1",
            "EXTRA=from-job",
            "HEAD_SHA=" + head,
            "JOB_NAME=env",
            "REPO=" + REPO,
            "RUN_ID=" + run.id());
  }

  @Test
  void aPushRunTestsThePushedShaEvenAfterTheBranchMoved() throws Exception {
    RunRecord run = pending(RunKey.forPush(REPO, "main", root, "unit"));
    executor.start(run, new RunSpec(Jobs.job("unit", "ls"), git.dir(), "main", null));

    RunRecord end = done(run);

    assertThat(end.state()).isEqualTo(RunState.SUCCESS);
    assertThat(end.baseSha()).isEqualTo(root);
    assertThat(log(run)).isEqualTo("README.md\n");
  }

  @Test
  void aScheduledRunTestsTheBranchTip() throws Exception {
    RunRecord run = pending(RunKey.forSchedule(REPO, "nightly", T0));
    executor.start(run, new RunSpec(Jobs.job("nightly", "ls"), git.dir(), "main", null));

    RunRecord end = done(run);

    assertThat(end.state()).isEqualTo(RunState.SUCCESS);
    assertThat(end.baseSha()).isEqualTo(base);
    assertThat(log(run)).isEqualTo("README.md\nmain.txt\n");
  }

  @Test
  void timeoutKillsTheWholeTree() throws Exception {
    Path pid = tmp.resolve("child.pid");
    Job job =
        Jobs.job(
            "slow", "sleep 60 & echo $! > " + pid + "; wait", 0, Duration.ofSeconds(1), Map.of());
    RunRecord end = done(change(job, 7));

    assertThat(end.state()).isEqualTo(RunState.FAILURE);
    assertThat(end.message()).isEqualTo("timed out after 1s");
    long child = Long.parseLong(Files.readString(pid).trim());
    assertThat(Processes.alive(child)).as("the background sleep is gone too").isFalse();
  }

  @Test
  void cancelWhileRunningKillsItAndRecordsTheReason() throws Exception {
    Path started = tmp.resolve("started");
    RunRecord run = change(Jobs.job("slow", "touch " + started + "; sleep 60"), 7);
    awaitFile(started);

    assertThat(executor.cancel(run.id(), "superseded by a new head")).isTrue();

    RunRecord end = done(run);
    assertThat(end.state()).isEqualTo(RunState.ABORTED);
    assertThat(end.message()).isEqualTo("superseded by a new head");
    assertThat(heardStates(2)).containsExactly(RunState.RUNNING, RunState.ABORTED);
    assertThat(executor.cancel(run.id(), "again")).as("no longer held").isFalse();
  }

  @Test
  void cancelWhileQueuedAbortsAndItNeverRuns() throws Exception {
    Path go = tmp.resolve("go");
    Path secondRan = tmp.resolve("second-ran");
    Job first =
        Jobs.job(
            "one",
            "while [ ! -f " + go + " ]; do sleep 0.05; done",
            1,
            Duration.ofSeconds(30),
            Map.of());
    Job second = Jobs.job("one", "touch " + secondRan, 1, Duration.ofSeconds(30), Map.of());
    RunRecord a = change(first, 7);
    await(a.id(), r -> r.state() == RunState.RUNNING);
    RunRecord b = change(second, 8);
    assertThat(slots.waiting(REPO + "/one")).isEqualTo(1);

    assertThat(executor.cancel(b.id(), "change closed")).isTrue();
    assertThat(store.get(b.id()).orElseThrow().state()).isEqualTo(RunState.ABORTED);
    Files.createFile(go);

    assertThat(done(a).state()).isEqualTo(RunState.SUCCESS);
    RunRecord endB = done(b);
    assertThat(endB.message()).isEqualTo("change closed");
    assertThat(endB.startedAt()).isEqualTo(T0);
    assertThat(secondRan).doesNotExist();
    assertThat(executor.logFile(b.id())).doesNotExist();
    assertThat(slots.waiting(REPO + "/one")).isZero();
  }

  @Test
  void queuedRunsWaitAndAllRunOneAtATime() throws Exception {
    Path lock = tmp.resolve("lock");
    // mkdir fails if another run holds the lock: overlap would fail a run, however fast it is
    Job job =
        Jobs.job(
            "one",
            "mkdir " + lock + "; sleep 0.2; rmdir " + lock,
            1,
            Duration.ofSeconds(30),
            Map.of());
    List<RunRecord> runs = List.of(change(job, 1), change(job, 2), change(job, 3));

    for (RunRecord run : runs) {
      assertThat(done(run).state()).as(run.id()).isEqualTo(RunState.SUCCESS);
    }
  }

  @Test
  void aMergeConflictIsAnErrorNamingBaseAndHeadAndStartsNothing() throws Exception {
    git.checkout("conflict", true);
    String conflicting = git.write("README.md", "theirs\n").commit("theirs");
    git.checkout("main", false);
    git.write("README.md", "ours\n").commit("ours");
    Path ran = tmp.resolve("ran");
    RunRecord run = pending(RunKey.forChange(REPO, 9, conflicting, "unit", 1));
    executor.start(
        run, new RunSpec(Jobs.job("unit", "touch " + ran), git.dir(), "main", conflicting));

    RunRecord end = done(run);

    assertThat(end.state()).isEqualTo(RunState.ERROR);
    assertThat(end.message())
        .isEqualTo(
            "head "
                + conflicting.substring(0, 7)
                + " does not merge cleanly into main: conflict in README.md");
    assertThat(ran).doesNotExist();
    assertThat(executor.logFile(run.id())).doesNotExist();
    assertThat(heard).extracting(RunRecord::state).containsExactly(RunState.ERROR);
  }

  @Test
  void anUnknownHeadIsAnError() throws Exception {
    String missing = "0123456789".repeat(4);
    RunRecord run = pending(RunKey.forChange(REPO, 9, missing, "unit", 1));
    executor.start(run, new RunSpec(Jobs.job("unit", "true"), git.dir(), "main", missing));

    RunRecord end = done(run);
    assertThat(end.state()).isEqualTo(RunState.ERROR);
    assertThat(end.message()).contains(missing).contains("not found");
  }

  @Test
  void exitCode127NamesTheMissingTool() throws Exception {
    RunRecord end = done(change(Jobs.job("go", "echo building\nno-such-tool-xyz test ./..."), 7));

    assertThat(end.state()).isEqualTo(RunState.FAILURE);
    assertThat(end.message()).isEqualTo("exit code 127: no-such-tool-xyz: command not found");
  }

  @Test
  void recoverQueuesAPendingRunAgain() throws Exception {
    RunRecord run = pending(RunKey.forChange(REPO, 7, head, "unit", 1));

    executor.recover(
        run, Optional.of(new RunSpec(Jobs.job("unit", "true"), git.dir(), "main", head)));

    assertThat(done(run).state()).isEqualTo(RunState.SUCCESS);
  }

  @Test
  void recoverEndsARunningRunWhoseProcessWasLost() throws Exception {
    RunRecord run = pending(RunKey.forChange(REPO, 7, head, "unit", 1));
    RunRecord running = run.withState(RunState.RUNNING, T0, "");
    store.update(running);
    Files.createDirectories(executor.workspace(run.id()));

    executor.recover(
        running, Optional.of(new RunSpec(Jobs.job("unit", "true"), git.dir(), "main", head)));

    RunRecord end = store.get(run.id()).orElseThrow();
    assertThat(end.state()).isEqualTo(RunState.ERROR);
    assertThat(end.message()).isEqualTo(LocalExecutor.LOST);
    assertThat(executor.workspace(run.id())).doesNotExist();
  }

  @Test
  void recoverWithoutTheJobIsAnError() throws Exception {
    RunRecord run = pending(RunKey.forChange(REPO, 7, head, "gone", 1));

    executor.recover(run, Optional.empty());

    RunRecord end = store.get(run.id()).orElseThrow();
    assertThat(end.state()).isEqualTo(RunState.ERROR);
    assertThat(end.message()).isEqualTo("job no longer in the config");
  }

  @Test
  void aRepeatedStartRunsOnce() throws Exception {
    Path count = tmp.resolve("count");
    Job job = Jobs.job("unit", "echo run >> " + count, 1, Duration.ofSeconds(30), Map.of());
    RunRecord run = pending(RunKey.forChange(REPO, 7, head, "unit", 1));
    RunSpec spec = new RunSpec(job, git.dir(), "main", head);
    executor.start(run, spec);
    executor.start(run, spec);
    assertThat(done(run).state()).isEqualTo(RunState.SUCCESS);

    executor.start(run, spec); // finished: its record is not pending, so it takes a slot and stops
    RunRecord next = change(Jobs.job("unit", "true", 1, Duration.ofSeconds(30), Map.of()), 8);
    // one slot, first in first out: the next run starts only after the repeated start let go
    assertThat(done(next).state()).isEqualTo(RunState.SUCCESS);
    assertThat(Files.readAllLines(count)).containsExactly("run");
  }
}
