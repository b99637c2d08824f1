package dev.ciorchestrator.reconcile;

import static dev.ciorchestrator.reconcile.Fixture.change;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.config.model.ConfigSnapshot;
import dev.ciorchestrator.config.model.MergeMethod;
import dev.ciorchestrator.config.model.Repository;
import dev.ciorchestrator.config.model.SourcePosition;
import dev.ciorchestrator.report.RunLinks;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The loop's own promises: one failing repository never stops the others; events drive passes. */
class ReconcileLoopTest {
  private final MemoryRunStore store = new MemoryRunStore();
  private final FakeExecutor executor = new FakeExecutor(store);
  private final FakeForge forge = new FakeForge();
  private final AtomicInteger syncs = new AtomicInteger();
  private final List<String> told = new ArrayList<>();
  private final LoopMetrics metrics =
      new LoopMetrics() {
        @Override
        public void passFinished(String repo, Duration took, boolean failed) {
          told.add("pass " + repo + (failed ? " failed" : ""));
        }

        @Override
        public void gateDecided(String repo, GateDecision gate) {
          told.add("gate " + repo + (gate.pass() ? " passed" : " blocked"));
        }
      };

  /** {@code demo/hello-go} on the fake forge, and a repository on a forge nobody configured. */
  private ConfigSnapshot snapshot() {
    ConfigSnapshot base = Fixture.config().jobs("go-test").build();
    List<Repository> repos = new ArrayList<>();
    repos.add(
        new Repository(
            "demo/broken",
            "gitea-nowhere",
            "main",
            false,
            MergeMethod.MERGE,
            List.of(),
            false,
            List.of(),
            SourcePosition.ofFile("x.yaml")));
    repos.addAll(base.repositories());
    return new ConfigSnapshot(
        base.revision(), repos, base.jobs(), base.policies(), base.expressions());
  }

  private ReconcileLoop loop(ConfigSnapshot snapshot) {
    RepoReconciler reconciler =
        new RepoReconciler(
            Map.of("local", forge),
            store,
            executor,
            new RepoReconcilerTest.MemoryWatermarks(),
            Clock.fixed(Fixture.NOW, ZoneOffset.UTC),
            new RunLinks(""),
            Duration.ofMinutes(5),
            metrics);
    return new ReconcileLoop(
        () -> snapshot, syncs::incrementAndGet, reconciler, Clock.systemUTC(), metrics);
  }

  @Test
  void aFailingRepositoryIsReportedAndTheOthersStillRun() {
    forge.open(change().state());
    ReconcileLoop loop = loop(snapshot());

    loop.passAll();

    assertThat(syncs).hasValue(1);
    assertThat(loop.status("demo/broken").orElseThrow().error())
        .isEqualTo("no forge connection 'gitea-nowhere' (known: [local])");
    assertThat(loop.status(Fixture.REPO).orElseThrow().error()).isEmpty();
    assertThat(loop.status(Fixture.REPO).orElseThrow().planned()).isEqualTo(1);
    assertThat(executor.calls).containsExactly("start go-test#1");
  }

  @Test
  void metricsHearOfEveryPassAndOfGateDecisionsOnlyWhenPublished() {
    forge.open(change().state());
    ReconcileLoop loop = loop(snapshot());

    loop.passAll();
    loop.pass(Fixture.REPO); // nothing moved: no new gate decision

    assertThat(told)
        .containsExactly(
            "pass demo/broken failed",
            "gate " + Fixture.REPO + " blocked",
            "pass " + Fixture.REPO,
            "pass " + Fixture.REPO);
  }

  @Test
  void aRequestForOneRepositoryRunsAPassOnTheLoopsThread() throws InterruptedException {
    forge.open(change().state());
    try (ReconcileLoop loop = loop(snapshot())) {
      loop.start();

      loop.request(Fixture.REPO);

      assertThat(loop.awaitIdle(Duration.ofSeconds(30))).isTrue();
      assertThat(executor.calls).containsExactly("start go-test#1");
      assertThat(loop.status()).containsOnlyKeys(Fixture.REPO); // only the one asked for
      assertThat(syncs).as("config sync belongs to full passes").hasValue(0);
    }
  }
}
