package dev.ciorchestrator.executor.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.config.model.ExecutorKind;
import dev.ciorchestrator.config.model.Job;
import dev.ciorchestrator.domain.RunKey;
import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.domain.RunState;
import dev.ciorchestrator.domain.Trigger;
import dev.ciorchestrator.executor.Executor;
import dev.ciorchestrator.executor.ExecutorRouter;
import dev.ciorchestrator.executor.RunEvents;
import dev.ciorchestrator.executor.RunListener;
import dev.ciorchestrator.executor.RunSpec;
import dev.ciorchestrator.run.RunStore;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The service's beans: one store, one executor, and listeners joining through RunEvents. */
@QuarkusTest
class LocalExecutorWiringTest {
  @Inject RunStore store;
  @Inject Executor executor;
  @Inject RunEvents events;
  @Inject LocalExecutorSettings settings;

  @TempDir Path tmp;

  @Test
  void aRegisteredListenerHearsEveryMoveOfARun() throws Exception {
    String sha;
    try (GitRepo git = GitRepo.init(tmp.resolve("repo"))) {
      sha = git.write("README.md", "hello\n").commit("root");
    }
    RunKey key = RunKey.forPush("demo/wiring-" + System.nanoTime(), "main", sha, "unit");
    RunRecord run =
        new RunRecord(
            key,
            RunState.PENDING,
            Trigger.PUSH,
            "alice",
            "",
            "",
            "cfg",
            Instant.now(),
            null,
            null,
            "");
    List<RunState> heard = new CopyOnWriteArrayList<>();
    CountDownLatch ended = new CountDownLatch(1);
    RunListener listener =
        r -> {
          if (r.id().equals(run.id())) {
            heard.add(r.state());
            if (r.state().terminal()) {
              ended.countDown();
            }
          }
        };
    events.register(listener);
    try {
      assertThat(store.create(run)).isTrue();
      executor.start(
          run, new RunSpec(Jobs.job("unit", "echo hi"), tmp.resolve("repo"), "main", null));

      assertThat(ended.await(30, TimeUnit.SECONDS)).isTrue();
    } finally {
      events.unregister(listener);
    }
    assertThat(heard).containsExactly(RunState.RUNNING, RunState.SUCCESS);
    assertThat(store.get(run.id())).map(RunRecord::baseSha).contains(sha);
    assertThat(executor.logFile(run.id())).startsWith(settings.workDir()).hasContent("hi");
  }

  @Test
  void aJobChoosingAnExecutorThisDeploymentDoesNotEnableEndsInError() throws Exception {
    String sha;
    try (GitRepo git = GitRepo.init(tmp.resolve("repo"))) {
      sha = git.write("README.md", "hello\n").commit("root");
    }
    RunKey key = RunKey.forPush("demo/wiring-" + System.nanoTime(), "main", sha, "boxed");
    RunRecord run =
        new RunRecord(
            key,
            RunState.PENDING,
            Trigger.PUSH,
            "alice",
            "",
            "",
            "cfg",
            Instant.now(),
            null,
            null,
            "");
    Job boxed = Jobs.job("boxed", "echo hi");
    Job job =
        new Job(
            boxed.name(),
            boxed.repos(),
            boxed.triggers(),
            boxed.when(),
            boxed.required(),
            "busybox",
            boxed.run(),
            boxed.env(),
            boxed.timeout(),
            boxed.maxConcurrency(),
            boxed.resources(),
            boxed.retries(),
            ExecutorKind.CONTAINER,
            List.of(),
            boxed.source());
    assertThat(executor).isInstanceOf(ExecutorRouter.class);
    assertThat(store.create(run)).isTrue();

    executor.start(run, new RunSpec(job, tmp.resolve("repo"), "main", null));

    RunRecord end = store.get(run.id()).orElseThrow();
    assertThat(end.state()).isEqualTo(RunState.ERROR);
    assertThat(end.message())
        .isEqualTo(
            "executor container is not enabled in this deployment (ci.executor.enabled: process)");
  }
}
