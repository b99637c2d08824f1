package dev.ciorchestrator.executor.container;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.config.model.Job;
import dev.ciorchestrator.config.model.SourcePosition;
import dev.ciorchestrator.domain.RunKey;
import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.domain.RunState;
import dev.ciorchestrator.domain.TestRuns;
import dev.ciorchestrator.executor.RunSpec;
import dev.ciorchestrator.executor.local.GitRepo;
import dev.ciorchestrator.executor.local.LocalExecutor;
import dev.ciorchestrator.executor.process.JobSlots;
import dev.ciorchestrator.executor.process.ProcFs;
import dev.ciorchestrator.executor.workspace.WorkspaceBuilder;
import dev.ciorchestrator.run.file.FileRunStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What only the container executor does, on real Podman: limits, a read-only script, and the
 * engine's own failures (no engine, no image, no shell) as runs in {@code error}.
 */
class ContainerExecutorTest {
  static final String REPO = "demo/app";

  @TempDir Path tmp;
  Podman podman;
  GitRepo git;
  String head;
  FileRunStore store;
  final ExecutorService pool = Executors.newCachedThreadPool();

  @BeforeEach
  void setUp() throws Exception {
    podman = Podman.require();
    git = GitRepo.init(tmp.resolve("repo"));
    head = git.write("README.md", "hello\n").commit("root");
    store = new FileRunStore(tmp.resolve("runs"));
  }

  @AfterEach
  void tearDown() {
    pool.shutdownNow();
    if (git != null) {
      git.close(); // null when Podman is missing and the test was skipped
    }
  }

  LocalExecutor executor(ContainerEngine engine) {
    return new LocalExecutor(
        store,
        new WorkspaceBuilder(),
        new ContainerLauncher(engine),
        new JobSlots(),
        tmp.resolve("work"),
        Clock.systemUTC(),
        r -> {},
        pool);
  }

  static Job job(String image, String script, Job.Resources resources) {
    return new Job(
        "unit",
        List.of(REPO),
        new Job.Triggers(null, null, null, "/test unit"),
        null,
        true,
        image,
        script,
        Map.of(),
        Duration.ofMinutes(1),
        0,
        resources,
        0,
        null,
        List.of(),
        SourcePosition.ofFile("jobs.yaml"));
  }

  RunRecord run(LocalExecutor executor, Job job, long change) throws Exception {
    RunRecord run =
        TestRuns.pending(RunKey.forChange(REPO, change, head, job.name(), 1), Instant.now());
    assertThat(store.create(run)).isTrue();
    executor.start(run, new RunSpec(job, git.dir(), "main", null));
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      Optional<RunRecord> now = store.get(run.id());
      if (now.isPresent() && now.get().state().terminal()) {
        return now.get();
      }
      Thread.sleep(20);
    }
    throw new AssertionError("run did not end: " + store.get(run.id()));
  }

  String log(LocalExecutor executor, RunRecord run) throws Exception {
    Path file = executor.logFile(run.id());
    return Files.exists(file) ? Files.readString(file) : "";
  }

  @Test
  void resourcesBecomeTheContainersCgroupLimits() throws Exception {
    LocalExecutor executor = executor(podman.engine());
    // cgroup v1 and v2 name the files differently; print whichever this machine has
    String script =
        """
        if [ -f /sys/fs/cgroup/memory.max ]; then
          cat /sys/fs/cgroup/memory.max /sys/fs/cgroup/cpu.max
        else
          cat /sys/fs/cgroup/memory/memory.limit_in_bytes
          echo "$(cat /sys/fs/cgroup/cpu/cpu.cfs_quota_us) $(cat /sys/fs/cgroup/cpu/cpu.cfs_period_us)"
        fi
        """;
    RunRecord end = run(executor, job(Podman.IMAGE, script, new Job.Resources("500m", "64Mi")), 1);

    assertThat(end.state()).as(end.message()).isEqualTo(RunState.SUCCESS);
    assertThat(log(executor, end).lines()).containsExactly("67108864", "50000 100000");
  }

  @Test
  void theJobCannotChangeItsScriptButCanWriteItsWorkspace() throws Exception {
    LocalExecutor executor = executor(podman.engine());
    String script =
        """
        (echo changed >> /ci-orchestrator/run.sh) 2>/dev/null && echo script changed || echo script read-only
        pwd
        echo built > out.txt && cat out.txt
        """;
    RunRecord end = run(executor, job(Podman.IMAGE, script, Job.Resources.NONE), 1);

    assertThat(end.state()).as(end.message()).isEqualTo(RunState.SUCCESS);
    assertThat(log(executor, end)).contains("script read-only").contains("/workspace\nbuilt\n");
    assertThat(Files.readString(executor.logFile(end.id()).resolveSibling(end.id() + ".log.sh")))
        .isEqualTo(script);
  }

  @Test
  void aMissingEngineIsAnErrorSayingSo() throws Exception {
    LocalExecutor executor = executor(podman.engine().withCommand("no-such-engine-xyz"));

    RunRecord end = run(executor, job(Podman.IMAGE, "echo hi", Job.Resources.NONE), 1);

    assertThat(end.state()).isEqualTo(RunState.ERROR);
    assertThat(end.message()).isEqualTo("container engine 'no-such-engine-xyz' not found on PATH");
  }

  @Test
  void aMissingImageIsAnErrorWithTheEnginesMessage() throws Exception {
    LocalExecutor executor = executor(podman.engine());

    RunRecord end =
        run(executor, job("localhost/no-such-image:1", "echo hi", Job.Resources.NONE), 1);

    assertThat(end.state()).isEqualTo(RunState.ERROR);
    assertThat(end.message())
        .isEqualTo(
            "podman could not run the container: localhost/no-such-image:1: image not known");
    assertThat(podman.containers(ContainerLauncher.containerName(end.id()))).isEmpty();
  }

  @Test
  void aJobWithoutImageIsAnError() throws Exception {
    LocalExecutor executor = executor(podman.engine());

    RunRecord end = run(executor, job("", "echo hi", Job.Resources.NONE), 1);

    assertThat(end.state()).isEqualTo(RunState.ERROR);
    assertThat(end.message()).isEqualTo("job unit has no image; the container executor needs one");
  }

  @Test
  void anImageWithoutTheShellIsAnError() throws Exception {
    ContainerEngine engine = podman.engine();
    LocalExecutor executor =
        executor(
            new ContainerEngine(
                engine.kind(),
                engine.command(),
                engine.runtime(),
                engine.network(),
                engine.pull(),
                engine.extraArgs(),
                "bash",
                engine.env(),
                engine.killGrace()));

    RunRecord end = run(executor, job(Podman.IMAGE, "echo hi", Job.Resources.NONE), 1);

    assertThat(end.state()).isEqualTo(RunState.ERROR);
    assertThat(end.message()).startsWith("podman could not run the container: ").contains("bash");
  }

  @Test
  void aMissingToolIsAFailureNamingIt() throws Exception {
    LocalExecutor executor = executor(podman.engine());

    RunRecord end =
        run(
            executor,
            job(Podman.IMAGE, "echo building\nno-such-tool-xyz test", Job.Resources.NONE),
            1);

    assertThat(end.state()).isEqualTo(RunState.FAILURE);
    assertThat(end.message()).isEqualTo("exit code 127: no-such-tool-xyz: command not found");
  }

  @Test
  void aCancelAsSoonAsTheRunIsRunningStillLeavesNoContainer() throws Exception {
    LocalExecutor executor = executor(podman.engine());
    RunRecord run = TestRuns.pending(RunKey.forChange(REPO, 2, head, "unit", 1), Instant.now());
    assertThat(store.create(run)).isTrue();
    executor.start(
        run,
        new RunSpec(job(Podman.IMAGE, "sleep 60", Job.Resources.NONE), git.dir(), "main", null));
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (store.get(run.id()).orElseThrow().state() == RunState.PENDING
        && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    // the engine is most likely still creating the container: a single rm -f would miss it

    assertThat(executor.cancel(run.id(), "superseded")).isTrue();

    while (!store.get(run.id()).orElseThrow().state().terminal() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    RunRecord end = store.get(run.id()).orElseThrow();
    assertThat(end.state()).isEqualTo(RunState.ABORTED);
    assertThat(end.message()).isEqualTo("superseded");
    assertThat(podman.containers(ContainerLauncher.containerName(run.id()))).isEmpty();
  }

  /**
   * The supervisor is gone without an exit file (killed with its engine CLI), but the engine kept
   * the container, which exited: its exit code is the run's result, and the container goes.
   */
  @Test
  void aRunWhoseSupervisorIsGoneKeepsTheExitCodeItsContainerLeft() throws Exception {
    LocalExecutor executor = executor(podman.engine());
    RunRecord run = TestRuns.pending(RunKey.forChange(REPO, 4, head, "unit", 1), Instant.now());
    assertThat(store.create(run)).isTrue();
    RunRecord running =
        run.withState(RunState.RUNNING, Instant.now(), "").withExecutor("container");
    store.update(running);
    String name = ContainerLauncher.containerName(run.id());
    podman.podman("rm", "-f", name); // what an earlier failed run of this test may have left
    podman.podman(
        "run", "-d", "--name", name, "--network", "none", Podman.IMAGE, "sh", "-c", "exit 3");
    assertThat(podman.podman("wait", name).strip()).isEqualTo("3");
    Path folder = Files.createDirectories(executor.supervision(run.id()).path());
    // a supervisor record of a process that is not running any more (pid 1 started at boot)
    Files.writeString(folder.resolve("supervisor"), "1 1 " + ProcFs.bootId() + "\n");

    executor.recover(running, Optional.empty());

    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!store.get(run.id()).orElseThrow().state().terminal() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    RunRecord end = store.get(run.id()).orElseThrow();
    assertThat(end.state()).isEqualTo(RunState.FAILURE);
    assertThat(end.message()).isEqualTo("exit code 3");
    assertThat(podman.containers(name)).isEmpty();
  }

  @Test
  void recoveringALostRunRemovesItsContainer() throws Exception {
    LocalExecutor executor = executor(podman.engine());
    RunRecord run = TestRuns.pending(RunKey.forChange(REPO, 3, head, "unit", 1), Instant.now());
    assertThat(store.create(run)).isTrue();
    RunRecord running = run.withState(RunState.RUNNING, Instant.now(), "");
    store.update(running);
    String name = ContainerLauncher.containerName(run.id());
    // what the old orchestrator left: its container, still running the job
    podman.podman("run", "-d", "--name", name, "--network", "none", Podman.IMAGE, "sleep", "60");
    assertThat(podman.containers(name)).containsExactly(name);

    executor.recover(running, Optional.empty());

    assertThat(store.get(run.id()).orElseThrow().state()).isEqualTo(RunState.ERROR);
    assertThat(podman.containers(name)).isEmpty();
  }
}
