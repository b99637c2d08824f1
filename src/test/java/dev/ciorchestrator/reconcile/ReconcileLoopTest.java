package dev.ciorchestrator.reconcile;

import static dev.ciorchestrator.reconcile.Fixture.change;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.config.model.ConfigSnapshot;
import dev.ciorchestrator.config.model.MergeMethod;
import dev.ciorchestrator.config.model.Repository;
import dev.ciorchestrator.config.model.SourcePosition;
import dev.ciorchestrator.forge.Forge;
import dev.ciorchestrator.forge.ForgeChange;
import dev.ciorchestrator.report.RunLinks;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The loop's own promises: one failing repository never stops the others, whatever it throws (an
 * error included), and the loop's thread outlives it; events drive passes; a loop that gets nowhere
 * says so, for liveness.
 */
class ReconcileLoopTest {
  private static final String HOSTILE = "demo/hostile";
  private static final Duration HANG_GUARD = Duration.ofSeconds(30);

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
    return snapshot("demo/broken", "gitea-nowhere");
  }

  /** {@code other} on the forge {@code otherForge}, then {@code demo/hello-go} on the fake one. */
  private static ConfigSnapshot snapshot(String other, String otherForge) {
    ConfigSnapshot base = Fixture.config().jobs("go-test").build();
    List<Repository> repos = new ArrayList<>();
    repos.add(
        new Repository(
            other,
            otherForge,
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
    return loop(snapshot, Map.of("local", forge), syncs::incrementAndGet);
  }

  private ReconcileLoop loop(ConfigSnapshot snapshot, Map<String, Forge> forges, Runnable sync) {
    RepoReconciler reconciler =
        new RepoReconciler(
            forges,
            store,
            executor,
            new RepoReconcilerTest.MemoryWatermarks(),
            Clock.fixed(Fixture.NOW, ZoneOffset.UTC),
            new RunLinks(""),
            Duration.ofMinutes(5),
            metrics);
    return new ReconcileLoop(() -> snapshot, sync, reconciler, Clock.systemUTC(), metrics);
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

  @Test
  void anOutOfMemoryErrorInOneRepositoryLeavesTheLoopAliveAndTheOtherReconciling()
      throws InterruptedException {
    forge.open(change().state());
    FakeForge hostile = failingWith(new OutOfMemoryError("Java heap space"));
    try (ReconcileLoop loop =
        loop(snapshot(HOSTILE, "hostile"), Map.of("local", forge, "hostile", hostile), () -> {})) {
      loop.start();

      loop.requestAll();
      assertThat(loop.awaitIdle(HANG_GUARD)).isTrue();

      assertThat(loop.liveness().threadAlive()).isTrue();
      assertThat(loop.status(HOSTILE).orElseThrow().error()).isEqualTo("Java heap space");
      assertThat(loop.status(Fixture.REPO).orElseThrow().error()).isEmpty();
      assertThat(executor.calls).containsExactly("start go-test#1");

      loop.requestAll(); // and the loop keeps serving passes afterwards
      assertThat(loop.awaitIdle(HANG_GUARD)).isTrue();
      assertThat(told.stream().filter(t -> t.startsWith("pass ")))
          .containsExactly(
              "pass " + HOSTILE + " failed",
              "pass " + Fixture.REPO,
              "pass " + HOSTILE + " failed",
              "pass " + Fixture.REPO);
      assertThat(loop.liveness().stall(Instant.now().plus(Duration.ofDays(1)), Duration.ZERO))
          .as("an idle loop is alive however long it idles")
          .isEmpty();
    }
  }

  @Test
  void anErrorOutsideAnyRepositorysPassDoesNotEndTheLoopEither() throws InterruptedException {
    forge.open(change().state());
    Runnable sync =
        () -> {
          if (syncs.incrementAndGet() == 1) {
            throw new StackOverflowError();
          }
        };
    try (ReconcileLoop loop = loop(snapshot(HOSTILE, "hostile"), Map.of("local", forge), sync)) {
      loop.start();

      loop.requestAll();
      assertThat(loop.awaitIdle(HANG_GUARD)).isTrue();
      assertThat(executor.calls).isEmpty();

      loop.requestAll();
      assertThat(loop.awaitIdle(HANG_GUARD)).isTrue();
      assertThat(loop.liveness().threadAlive()).isTrue();
      assertThat(syncs).hasValue(2);
      assertThat(executor.calls).containsExactly("start go-test#1");
    }
  }

  @Test
  void aPassThatDoesNotEndMakesTheLoopStalledOnceTheTimeoutPasses() throws InterruptedException {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    FakeForge stuck =
        new FakeForge() {
          @Override
          public List<ForgeChange> openChanges(String repo) {
            entered.countDown();
            try {
              release.await(HANG_GUARD.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            return List.of();
          }
        };
    try (ReconcileLoop loop =
        loop(snapshot(HOSTILE, "hostile"), Map.of("local", forge, "hostile", stuck), () -> {})) {
      loop.start();
      loop.request(HOSTILE);
      assertThat(entered.await(HANG_GUARD.toSeconds(), TimeUnit.SECONDS)).isTrue();

      Duration timeout = Duration.ofMinutes(5);
      Instant later = Instant.now().plus(Duration.ofMinutes(6));
      assertThat(loop.liveness().hasWork()).isTrue();
      assertThat(loop.liveness().stall(Instant.now(), timeout)).isEmpty();
      assertThat(loop.liveness().stall(later, timeout))
          .hasValueSatisfying(
              why -> assertThat(why).startsWith("the reconcile loop has made no progress"));

      release.countDown();
      assertThat(loop.awaitIdle(HANG_GUARD)).isTrue();
      assertThat(loop.liveness().stall(later, timeout)).isEmpty();
    }
  }

  private static FakeForge failingWith(Error error) {
    return new FakeForge() {
      @Override
      public List<ForgeChange> openChanges(String repo) {
        throw error;
      }
    };
  }
}
