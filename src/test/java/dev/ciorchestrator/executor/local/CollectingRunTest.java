package dev.ciorchestrator.executor.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.artifact.ArtifactStore;
import dev.ciorchestrator.artifact.Artifacts;
import dev.ciorchestrator.artifact.Manifest;
import dev.ciorchestrator.config.model.Job;
import dev.ciorchestrator.config.model.JobQuality;
import dev.ciorchestrator.config.model.Pipeline;
import dev.ciorchestrator.domain.RunKey;
import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.domain.RunState;
import dev.ciorchestrator.domain.TestRuns;
import dev.ciorchestrator.executor.RunSpec;
import dev.ciorchestrator.executor.process.JobSlots;
import dev.ciorchestrator.executor.process.ProcessRunner;
import dev.ciorchestrator.executor.workspace.WorkspaceBuilder;
import dev.ciorchestrator.run.file.FileRunStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real bash run whose {@code artifacts.paths} are collected from its workspace after exit 0. */
class CollectingRunTest {
  static final Instant T0 = Instant.parse("2026-12-03T12:00:00Z");

  @TempDir Path tmp;
  GitRepo git;
  String head;
  FileRunStore store;
  ArtifactStore artifacts;
  LocalExecutor executor;
  final ExecutorService pool = Executors.newCachedThreadPool();

  @BeforeEach
  void setUp() throws Exception {
    git = GitRepo.init(tmp.resolve("repo"));
    git.write("README.md", "hello\n").commit("root");
    git.checkout("feature", true);
    head = git.write("feature.txt", "feature\n").commit("feature");
    store = new FileRunStore(tmp.resolve("runs"));
    Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
    artifacts =
        new ArtifactStore(
            tmp.resolve("artifacts"),
            new ArtifactStore.Limits(4096, 1 << 20, Duration.ofDays(1)),
            clock);
    ProcessRunner runner =
        new ProcessRunner("bash", Map.of("PATH", System.getenv("PATH")), Duration.ofMillis(300));
    executor =
        new LocalExecutor(
                store,
                new WorkspaceBuilder(),
                runner,
                new JobSlots(),
                tmp.resolve("work"),
                clock,
                r -> {},
                pool)
            .collecting(Artifacts.over(artifacts));
  }

  @AfterEach
  void tearDown() {
    pool.shutdownNow();
    git.close();
  }

  @Test
  void aSuccessfulRunLeavesItsArtifactsInTheStore() throws Exception {
    RunRecord end = run("mkdir -p bin && printf hi > bin/hello && echo log", "bin/*");

    assertThat(end.state()).isEqualTo(RunState.SUCCESS);
    Manifest m = artifacts.manifest(end.id()).orElseThrow();
    assertThat(m.files()).extracting(Manifest.Entry::path).containsExactly("bin/hello");
    assertThat(artifacts.blob(m.files().get(0).digest())).isPresent();
    assertThat(executor.workspace(end.id())).doesNotExist();
  }

  @Test
  void aFailedRunCollectsNothing() throws Exception {
    RunRecord end = run("mkdir -p bin && printf hi > bin/hello && exit 1", "bin/*");

    assertThat(end.state()).isEqualTo(RunState.FAILURE);
    assertThat(artifacts.manifest(end.id())).isEmpty();
  }

  @Test
  void aLinkToPasswdFailsTheRunWithTheReason() throws Exception {
    RunRecord end = run("mkdir -p bin && ln -s /etc/passwd bin/passwd", "bin/*");

    assertThat(end.state()).isEqualTo(RunState.FAILURE);
    assertThat(end.message()).contains("refused bin/passwd").contains("outside the workspace");
    assertThat(artifacts.manifest(end.id())).isEmpty();
  }

  @Test
  void aRunOverItsQuotaFailsSayingSo() throws Exception {
    RunRecord end = run("mkdir -p bin && head -c 10000 /dev/zero > bin/big", "bin/*");

    assertThat(end.state()).isEqualTo(RunState.FAILURE);
    assertThat(end.message()).contains("ci.artifacts.max-run-size (4096 bytes)");
  }

  private RunRecord run(String script, String glob) throws Exception {
    Job plain = Jobs.job("build", script);
    Job job =
        new Job(
            plain.name(),
            plain.repos(),
            plain.triggers(),
            null,
            true,
            "",
            script,
            Map.of(),
            plain.timeout(),
            0,
            Job.Resources.NONE,
            0,
            null,
            List.of(),
            JobQuality.NONE,
            new Pipeline(List.of(), new Pipeline.Artifacts(List.of(glob), false, false, null)),
            plain.source(),
            null);
    RunRecord run = TestRuns.pending(RunKey.forChange("demo/app", 7, head, "build", 1), T0);
    assertThat(store.create(run)).isTrue();
    executor.start(run, new RunSpec(job, git.dir(), "main", head));
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      var r = store.get(run.id());
      if (r.isPresent() && r.get().state().terminal()) {
        return r.get();
      }
      Thread.sleep(20);
    }
    throw new AssertionError("run did not end: " + store.get(run.id()));
  }
}
