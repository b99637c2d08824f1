package dev.ciorchestrator.reconcile;

import static dev.ciorchestrator.reconcile.Fixture.change;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.config.model.ConfigSnapshot;
import dev.ciorchestrator.config.model.MergeMethod;
import dev.ciorchestrator.config.model.Policy;
import dev.ciorchestrator.config.model.Repository;
import dev.ciorchestrator.config.model.SourcePosition;
import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.executor.Executor;
import dev.ciorchestrator.executor.RunSpec;
import dev.ciorchestrator.forge.Forge;
import dev.ciorchestrator.forge.ForgeChange;
import dev.ciorchestrator.policy.Evaluation;
import dev.ciorchestrator.report.RunLinks;
import dev.ciorchestrator.testing.MutableClock;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * Issue 18's abuse cases for the loop's passes per repository: a repository whose policy always
 * runs into its time limit (or never returns) holds up only itself; what its budget had no room for
 * is planned by later passes, each change once; repositories come and go while a pass runs; and a
 * pass that hangs is still seen by liveness while another repository keeps getting on. Nothing here
 * is timed: each wait is a hang guard.
 */
class ReconcileIsolationTest {
  private static final String SLOW = "demo/slow";
  private static final Duration HANG_GUARD = Duration.ofSeconds(60);
  // ends as a policy error at its per-evaluation time limit (see HostileRuleBench)
  private static final String TIME_LIMITED =
      "lists.range(10000).map(i, lists.range(10000)).size() > 0";
  private static final String READS_JOBS = "jobs.all(j, jobs[j].status != 'failure')";

  private final MemoryRunStore store = new MemoryRunStore();
  private final StartLog executor = new StartLog();
  private final FakeForge healthy = new FakeForge();
  private final FakeForge slow = new FakeForge();

  @Test
  void aRepositoryWhosePolicyAlwaysHitsItsTimeLimitDoesNotHoldUpAnotherRepositorysRuns()
      throws InterruptedException {
    for (long n = 1; n <= 3; n++) {
      slow.open(change().repo(SLOW).number(n).head(sha(n)).state());
    }
    healthy.open(change().number(1).state());
    CountDownLatch release = new CountDownLatch(1);
    LoopMetrics holdsSlowPolicy =
        new LoopMetrics() {
          @Override
          public void policyEvaluated(String policy, Evaluation.Verdict verdict, long nanos) {
            if (policy.equals("slow-rule")) {
              await(release); // as if its evaluation never returned
            }
          }
        };
    ConfigSnapshot snapshot = twoRepositories(TIME_LIMITED);
    PassLimits limits = new PassLimits(2, Optional.of(Duration.ofMillis(1)));
    try (ReconcileLoop loop = loop(() -> snapshot, holdsSlowPolicy, Clock.systemUTC(), limits)) {
      loop.start();
      loop.requestAll();
      waitFor(() -> executor.started(Fixture.REPO, 1) == 1);

      healthy.open(change().number(2).head(sha(22)).state());
      loop.request(Fixture.REPO); // the next pass of the healthy one, the slow one still held
      waitFor(() -> executor.started(Fixture.REPO, 2) == 1);
      assertThat(loop.liveness().hasWork()).isTrue();
      assertThat(executor.started(SLOW, 2) + executor.started(SLOW, 3))
          .as("the slow repository is still on its first change")
          .isZero();

      release.countDown();
      assertThat(loop.awaitIdle(HANG_GUARD)).isTrue();
      for (long n = 1; n <= 3; n++) {
        assertThat(executor.started(SLOW, n)).as("change %d started once", n).isEqualTo(1);
        assertThat(slow.statuses.get(sha(n))).containsKey("ci/gate");
      }
      assertThat(loop.status(SLOW).orElseThrow().carried()).isZero();
    }
  }

  @Test
  void carriedOverChangesArePlannedByLaterPassesFirstAndStartedExactlyOnce() throws Exception {
    for (long n = 1; n <= 6; n++) {
      healthy.open(change().number(n).head(sha(n)).state());
    }
    AtomicLong ticker = new AtomicLong();
    List<Integer> spent = new ArrayList<>();
    LoopMetrics tenthOfASecondEach =
        new LoopMetrics() {
          @Override
          public void policyEvaluated(String policy, Evaluation.Verdict verdict, long nanos) {
            ticker.addAndGet(Duration.ofMillis(100).toNanos());
          }
        };
    ConfigSnapshot snapshot =
        Fixture.config().jobs("go-test").gate("jobs", READS_JOBS, null).build();
    Repository repository = snapshot.repositories().get(0);
    RepoReconciler reconciler = reconciler(tenthOfASecondEach, Map.of("local", healthy));

    List<Long> startedSoFar = new ArrayList<>();
    for (int pass = 0; pass < 10; pass++) {
      RepoReconciler.Outcome outcome =
          reconciler.reconcile(
              snapshot, repository, PassBudget.of(Duration.ofMillis(250), ticker::get));
      List<Long> started = changesWithRuns();
      assertThat(started)
          .as("the first changes, in order: carried ones go first, the others wait")
          .isEqualTo(LongStream.rangeClosed(1, started.size()).boxed().toList())
          .hasSizeGreaterThanOrEqualTo(startedSoFar.size());
      startedSoFar = started;
      if (outcome.carried() == 0) {
        break;
      }
      assertThat(outcome.times().policies()).as("each evaluation is counted").isPositive();
      spent.add(outcome.carried());
    }

    assertThat(spent).as("the budget ran out before every change was planned").isNotEmpty();
    assertThat(startedSoFar).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
    reconciler.reconcile(snapshot, repository); // the changes whose runs moved, planned again
    for (long n = 1; n <= 6; n++) {
      assertThat(executor.started(Fixture.REPO, n)).as("change %d", n).isEqualTo(1);
    }
  }

  @Test
  void slowReadsBeforePlanningLeaveThePlanningBudgetWholeAndAreNotBlamedOnPolicies()
      throws Exception {
    AtomicLong ticker = new AtomicLong();
    // as after a start: listing thousands of changes for the first time takes seconds
    FakeForge slowToList =
        new FakeForge() {
          @Override
          public List<ForgeChange> openChanges(String repo) {
            ticker.addAndGet(Duration.ofSeconds(20).toNanos());
            return super.openChanges(repo);
          }
        };
    for (long n = 1; n <= 6; n++) {
      slowToList.open(change().number(n).head(sha(n)).state());
    }
    ConfigSnapshot snapshot =
        Fixture.config().jobs("go-test").gate("jobs", READS_JOBS, null).build();
    Repository repository = snapshot.repositories().get(0);
    RepoReconciler reconciler = reconciler(LoopMetrics.NONE, Map.of("local", slowToList));

    RepoReconciler.Outcome outcome =
        reconciler.reconcile(
            snapshot, repository, PassBudget.of(Duration.ofMillis(250), ticker::get));

    assertThat(outcome.carried()).as("the budget counts from the planning").isZero();
    assertThat(outcome.planned()).isEqualTo(6);
    assertThat(changesWithRuns()).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
    assertThat(outcome.times().reading()).isEqualTo(Duration.ofSeconds(20));
    assertThat(outcome.times().planning()).isZero();
  }

  @Test
  void aSpentBudgetBlamesPoliciesOnlyWhenTheyTookMostOfThePlanning() {
    RepoReconciler.Outcome slowPolicies =
        new RepoReconciler.Outcome(
            3,
            97,
            new PassTimes(Duration.ofMillis(40), Duration.ofMillis(2100), Duration.ofMillis(1900)));
    RepoReconciler.Outcome manyChanges =
        new RepoReconciler.Outcome(
            900,
            9100,
            new PassTimes(Duration.ofMillis(1500), Duration.ofMillis(2003), Duration.ofMillis(90)));

    assertThat(ReconcileLoop.budgetSpentMessage("demo/app", slowPolicies, Duration.ofMillis(2150)))
        .contains("reconcile of demo/app spent its budget: 3 changes planned in 2100 ms")
        .contains("97 carried over")
        .contains("its policies are slow: 1900 ms of the planning");
    assertThat(ReconcileLoop.budgetSpentMessage("demo/app", manyChanges, Duration.ofMillis(3600)))
        .contains("900 changes planned in 2003 ms, 9100 carried over")
        .contains("the pass took 3600 ms, 1500 ms of it reading its changes and runs")
        .contains("not its policies (90 ms of the planning)")
        .doesNotContain("policies are slow");
  }

  @Test
  void aRepositoryRemovedWhileItsPassRunsGetsNoFurtherPassAndOneAddedGetsItsOwn()
      throws InterruptedException {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger listings = new AtomicInteger();
    FakeForge stuck = stuckUntil(entered, release, listings);
    healthy.open(change().number(1).state());
    ConfigSnapshot before = onForges(List.of(repository(SLOW, "slow")));
    ConfigSnapshot after = onForges(List.of(repository(Fixture.REPO, "local")));
    AtomicReference<ConfigSnapshot> config = new AtomicReference<>(before);
    PassLimits limits = new PassLimits(2, Optional.of(Duration.ofSeconds(2)));
    try (ReconcileLoop loop =
        loop(config::get, LoopMetrics.NONE, Clock.systemUTC(), limits, stuck)) {
      loop.start();
      loop.request(SLOW);
      assertThat(entered.await(HANG_GUARD.toSeconds(), TimeUnit.SECONDS)).isTrue();

      config.set(after); // the slow one removed, the healthy one added, while its pass runs
      loop.request(SLOW); // asked again while its pass runs: one more pass, if still configured
      loop.requestAll();
      waitFor(() -> executor.started(Fixture.REPO, 1) == 1);

      release.countDown();
      assertThat(loop.awaitIdle(HANG_GUARD)).isTrue();
      assertThat(listings).as("no pass after it left the config").hasValue(1);
      assertThat(loop.status(Fixture.REPO).orElseThrow().error()).isEmpty();
    }
  }

  @Test
  void aPassThatHangsIsSeenHoweverBusilyAnotherRepositoryGetsOn() throws InterruptedException {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    FakeForge stuck = stuckUntil(entered, release, new AtomicInteger());
    healthy.open(change().number(1).state());
    MutableClock clock = new MutableClock(Fixture.NOW);
    ConfigSnapshot snapshot =
        onForges(List.of(repository(SLOW, "slow"), repository(Fixture.REPO, "local")));
    PassLimits limits = new PassLimits(2, Optional.empty());
    try (ReconcileLoop loop = loop(() -> snapshot, LoopMetrics.NONE, clock, limits, stuck)) {
      loop.start();
      loop.request(SLOW);
      assertThat(entered.await(HANG_GUARD.toSeconds(), TimeUnit.SECONDS)).isTrue();

      clock.advance(Duration.ofMinutes(10));
      loop.request(Fixture.REPO); // gets on, and marks progress as it does
      waitFor(() -> loop.status(Fixture.REPO).isPresent());
      Duration timeout = Duration.ofMinutes(5);
      assertThat(loop.liveness().stall(clock.instant(), timeout))
          .hasValueSatisfying(
              why -> assertThat(why).startsWith("the reconcile loop has made no progress"));

      release.countDown();
      assertThat(loop.awaitIdle(HANG_GUARD)).isTrue();
      assertThat(loop.liveness().stall(clock.instant(), timeout)).isEmpty();
    }
  }

  private ReconcileLoop loop(
      Supplier<ConfigSnapshot> config,
      LoopMetrics metrics,
      Clock progressClock,
      PassLimits limits) {
    return loop(config, metrics, progressClock, limits, slow);
  }

  private ReconcileLoop loop(
      Supplier<ConfigSnapshot> config,
      LoopMetrics metrics,
      Clock progressClock,
      PassLimits limits,
      FakeForge slowForge) {
    LoopProgress progress = new LoopProgress(progressClock);
    RepoReconciler reconciler =
        reconciler(progress.counting(metrics), Map.of("local", healthy, "slow", slowForge));
    return new ReconcileLoop(
        config, () -> {}, reconciler, Clock.systemUTC(), LoopMetrics.NONE, progress, limits);
  }

  private RepoReconciler reconciler(LoopMetrics metrics, Map<String, Forge> forges) {
    return new RepoReconciler(
        forges,
        store,
        executor,
        new RepoReconcilerTest.MemoryWatermarks(),
        Clock.fixed(Fixture.NOW, ZoneOffset.UTC),
        new RunLinks(""),
        Duration.ofMinutes(5),
        metrics);
  }

  /** {@link Fixture#REPO} and {@link #SLOW}, a gate policy with {@code rule} on the slow one. */
  private static ConfigSnapshot twoRepositories(String rule) {
    ConfigSnapshot base = Fixture.config().jobs("go-test").gate("slow-rule", rule, null).build();
    List<Policy> policies =
        base.policies().stream()
            .map(
                p ->
                    new Policy(
                        p.name(),
                        p.type(),
                        List.of(SLOW),
                        p.match(),
                        p.rule(),
                        p.message(),
                        p.tests(),
                        p.source()))
            .toList();
    List<Repository> repos = new ArrayList<>(base.repositories());
    repos.add(repository(SLOW, "slow"));
    return new ConfigSnapshot(base.revision(), repos, base.jobs(), policies, base.expressions());
  }

  private static ConfigSnapshot onForges(List<Repository> repos) {
    ConfigSnapshot base = Fixture.config().jobs("go-test").build();
    return new ConfigSnapshot(
        base.revision(), repos, base.jobs(), base.policies(), base.expressions());
  }

  private static Repository repository(String name, String forge) {
    return new Repository(
        name,
        forge,
        "main",
        false,
        MergeMethod.MERGE,
        List.of(Fixture.AUTHOR),
        false,
        List.of(),
        SourcePosition.ofFile("x.yaml"));
  }

  private static FakeForge stuckUntil(
      CountDownLatch entered, CountDownLatch release, AtomicInteger listings) {
    return new FakeForge() {
      @Override
      public List<ForgeChange> openChanges(String repo) {
        listings.incrementAndGet();
        entered.countDown();
        await(release);
        return List.of();
      }
    };
  }

  private List<Long> changesWithRuns() {
    return store.all().stream().map(r -> r.key().change()).distinct().sorted().toList();
  }

  private static String sha(long n) {
    return String.format("%040d", n);
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(HANG_GUARD.toSeconds(), TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void waitFor(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + HANG_GUARD.toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("hang guard").isLessThan(deadline);
      Thread.sleep(5);
    }
  }

  /** Records each start by repository and change; runs stay pending. Thread-safe. */
  private static final class StartLog implements Executor {
    private final Queue<RunRecord> starts = new ConcurrentLinkedQueue<>();

    long started(String repo, long change) {
      return starts.stream()
          .filter(r -> r.key().repo().equals(repo) && r.key().change() == change)
          .count();
    }

    @Override
    public void start(RunRecord run, RunSpec spec) {
      starts.add(run);
    }

    @Override
    public boolean cancel(String runId, String reason) {
      return false;
    }

    @Override
    public void recover(RunRecord run, Optional<RunSpec> spec) {
      starts.add(run);
    }

    @Override
    public Path logFile(String runId) {
      return Path.of(runId + ".log");
    }
  }
}
