package dev.ciorchestrator.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ciorchestrator.config.model.ExecutorKind;
import dev.ciorchestrator.config.model.Job;
import dev.ciorchestrator.config.model.SourcePosition;
import dev.ciorchestrator.domain.RunKey;
import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.domain.RunState;
import dev.ciorchestrator.domain.TestRuns;
import dev.ciorchestrator.run.file.FileRunStore;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Routing only: the executors behind the router are fakes that note what reached them. */
class ExecutorRouterTest {
  static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");

  /** Notes every call; holds a run from its start until cancelled. */
  static final class FakeExecutor implements Executor {
    final String name;
    final List<String> calls = new ArrayList<>();
    final Set<String> holding = new HashSet<>();

    FakeExecutor(String name) {
      this.name = name;
    }

    @Override
    public void start(RunRecord run, RunSpec spec) {
      calls.add("start " + run.key().job());
      holding.add(run.id());
    }

    @Override
    public boolean cancel(String runId, String reason) {
      calls.add("cancel " + reason);
      return holding.remove(runId);
    }

    @Override
    public void recover(RunRecord run, Optional<RunSpec> spec) {
      calls.add("recover " + run.key().job());
    }

    @Override
    public Path logFile(String runId) {
      return Path.of("/logs", name, runId + ".log");
    }
  }

  @TempDir Path tmp;
  FileRunStore store;
  FakeExecutor process = new FakeExecutor("process");
  FakeExecutor container = new FakeExecutor("container");
  final List<RunRecord> heard = new ArrayList<>();

  @BeforeEach
  void setUp() throws IOException {
    store = new FileRunStore(tmp.resolve("runs"));
  }

  ExecutorRouter router(ExecutorKind defaultKind) {
    return new ExecutorRouter(
        Map.of(ExecutorKind.PROCESS, process, ExecutorKind.CONTAINER, container),
        defaultKind,
        store,
        Clock.fixed(T0, ZoneOffset.UTC),
        heard::add);
  }

  static Job job(String name, ExecutorKind executor) {
    return new Job(
        name,
        List.of("demo/app"),
        new Job.Triggers(null, null, null, "/test " + name),
        null,
        true,
        "busybox",
        "true",
        Map.of(),
        Duration.ofMinutes(1),
        0,
        Job.Resources.NONE,
        0,
        executor,
        List.of(),
        SourcePosition.ofFile("jobs.yaml"));
  }

  RunRecord pending(String job) throws IOException {
    RunRecord run = TestRuns.pending(RunKey.forChange("demo/app", 7, "abc", job, 1), T0);
    assertThat(store.create(run)).isTrue();
    return run;
  }

  static RunSpec spec(Job job) {
    return new RunSpec(job, Path.of("repo"), "main", "abc");
  }

  @Test
  void aJobRunsWhereItChoosesOrOnTheDefault() throws IOException {
    ExecutorRouter router = router(ExecutorKind.PROCESS);

    router.start(pending("plain"), spec(job("plain", null)));
    router.start(pending("boxed"), spec(job("boxed", ExecutorKind.CONTAINER)));

    assertThat(process.calls).containsExactly("start plain");
    assertThat(container.calls).containsExactly("start boxed");
    assertThat(router(ExecutorKind.CONTAINER).choice(job("plain", null)))
        .isEqualTo(ExecutorKind.CONTAINER);
  }

  @Test
  void aJobChoosingAnExecutorTheDeploymentLacksEndsInErrorSayingSo() throws IOException {
    RunRecord run = pending("cluster");

    router(ExecutorKind.PROCESS).start(run, spec(job("cluster", ExecutorKind.KUBERNETES)));

    RunRecord end = store.get(run.id()).orElseThrow();
    assertThat(end.state()).isEqualTo(RunState.ERROR);
    assertThat(end.message())
        .isEqualTo(
            "executor kubernetes is not enabled in this deployment"
                + " (ci.executor.enabled: process, container)");
    assertThat(heard).containsExactly(end);
    assertThat(process.calls).isEmpty();
    assertThat(container.calls).isEmpty();
  }

  @Test
  void cancelAndLogGoToTheExecutorHoldingTheRun() throws IOException {
    ExecutorRouter router = router(ExecutorKind.PROCESS);
    RunRecord run = pending("boxed");
    router.start(run, spec(job("boxed", ExecutorKind.CONTAINER)));

    assertThat(router.logFile(run.id())).isEqualTo(Path.of("/logs/container/" + run.id() + ".log"));
    assertThat(router.cancel(run.id(), "closed")).isTrue();
    assertThat(container.calls).containsExactly("start boxed", "cancel closed");
    assertThat(process.calls).isEmpty();
  }

  @Test
  void aRunNotKnownHereIsCancelledByWhoeverHoldsIt() throws IOException {
    RunRecord run = pending("boxed");
    router(ExecutorKind.PROCESS).start(run, spec(job("boxed", ExecutorKind.CONTAINER)));

    ExecutorRouter another = router(ExecutorKind.PROCESS); // knows nothing of the run
    assertThat(another.cancel(run.id(), "closed")).isTrue();
    assertThat(another.cancel("no-such-run", "closed")).isFalse();
  }

  @Test
  void afterARestartARunningRunIsRecoveredAndReadWhereItRanNotWhereItsJobNowPoints()
      throws IOException {
    RunRecord run = pending("moved");
    RunRecord running = run.withExecutor("container").withState(RunState.RUNNING, T0, "");
    store.update(running);
    ExecutorRouter restarted = router(ExecutorKind.PROCESS);

    restarted.recover(running, Optional.of(spec(job("moved", ExecutorKind.PROCESS))));

    assertThat(container.calls).containsExactly("recover moved");
    assertThat(process.calls).isEmpty();
    assertThat(restarted.logFile(run.id()))
        .isEqualTo(Path.of("/logs/container/" + run.id() + ".log"));
  }

  @Test
  void aPendingRunIsRecoveredWhereItsJobNowPointsAndWithoutItsJobOnTheDefault() throws IOException {
    ExecutorRouter restarted = router(ExecutorKind.PROCESS);

    restarted.recover(pending("boxed"), Optional.of(spec(job("boxed", ExecutorKind.CONTAINER))));
    restarted.recover(pending("gone"), Optional.empty());

    assertThat(container.calls).containsExactly("recover boxed");
    assertThat(process.calls).containsExactly("recover gone");
  }

  @Test
  void aRunThatRanOnAnExecutorNoLongerEnabledEndsInError() throws IOException {
    RunRecord run = pending("cluster");
    RunRecord running = run.withExecutor("kubernetes").withState(RunState.RUNNING, T0, "");
    store.update(running);

    router(ExecutorKind.PROCESS).recover(running, Optional.of(spec(job("cluster", null))));

    RunRecord end = store.get(run.id()).orElseThrow();
    assertThat(end.state()).isEqualTo(RunState.ERROR);
    assertThat(end.message()).startsWith("executor kubernetes is not enabled");
    assertThat(process.calls).isEmpty();
  }

  @Test
  void theDefaultMustBeEnabled() {
    assertThatThrownBy(
            () ->
                new ExecutorRouter(
                    Map.of(ExecutorKind.PROCESS, process),
                    ExecutorKind.CONTAINER,
                    store,
                    Clock.systemUTC(),
                    r -> {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("ci.executor.default is container, but ci.executor.enabled lists only process");
  }
}
