package dev.ciorchestrator.ha;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.config.loading.ConfigLoader;
import dev.ciorchestrator.config.model.ConfigFile;
import dev.ciorchestrator.config.model.ConfigSnapshot;
import dev.ciorchestrator.config.model.LoadResult;
import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.domain.RunState;
import dev.ciorchestrator.ha.Replica.Call;
import dev.ciorchestrator.policy.cel.CelPolicyEngine;
import dev.ciorchestrator.reconcile.MemoryRunStore;
import dev.ciorchestrator.runtime.LeaderTiming;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two controller replicas against one Kubernetes API (fabric8's mock server in CRUD mode, which
 * keeps the Lease and rejects stale updates as the API server does), over one forge and one run
 * store: every run starts exactly once, only ever by the replica leading at that moment, and when
 * the leader stops or crashes the other takes over and starts the runs of new changes.
 *
 * <p>Short lease timings keep the crash case quick; nothing here asserts on time, every wait is an
 * await with a generous limit.
 */
class LeaderElectionHaTest {
  private static final LeaderTiming TIMING =
      new LeaderTiming(Duration.ofSeconds(6), Duration.ofSeconds(4), Duration.ofMillis(500));
  private static final Duration PATIENCE = Duration.ofSeconds(60);
  private static final String CONFIG =
      """
      apiVersion: ci-orchestrator/v1
      kind: Repository
      name: acme/app
      forge: local
      defaultBranch: main
      trust: {users: [alice]}
      ---
      apiVersion: ci-orchestrator/v1
      kind: Job
      name: build
      repos: [acme/app]
      triggers:
        pullRequest: {branches: [main]}
      image: golang:1.23
      run: go test ./...
      """;

  private final KubernetesMockServer server =
      new KubernetesMockServer(
          new Context(),
          new MockWebServer(),
          new HashMap<>(),
          new KubernetesCrudDispatcher(),
          false);
  private final SharedForge forge = new SharedForge();
  private final MemoryRunStore runs = new MemoryRunStore();
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private final List<Replica> replicas = new ArrayList<>();
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

  @BeforeEach
  void startServer() {
    server.init();
    // every replica's timer fires often; a follower must drop every one of them
    timer.scheduleWithFixedDelay(
        () -> replicas.forEach(Replica::tick), 100, 100, TimeUnit.MILLISECONDS);
  }

  @AfterEach
  void stopAll() {
    timer.shutdownNow();
    replicas.forEach(Replica::close);
    server.destroy();
  }

  @Test
  void onlyTheLeaderStartsRunsAndTheOtherTakesOverWhenItStops() throws Exception {
    forge.open(1);
    Replica leader = electOneOf(replica("a"), replica("b"));
    Replica follower = other(leader);
    await("change 1's run starts", () -> running(1));

    forge.open(2);
    follower.forgeEvent(SharedForge.REPO); // the webhook reached the follower: dropped
    await("the leader starts change 2's run on its own timer", () -> running(2));

    leader.close(); // graceful: the lease is released
    await("the follower takes over", follower::leading);
    forge.open(3);
    await("the new leader starts change 3's run", () -> running(3));

    Replica restarted = replica("a-restarted");
    forge.open(4);
    await("change 4's run starts", () -> running(4));
    assertThat(restarted.leading()).as("a replica joining a led election follows").isFalse();

    assertEveryRunStartedOnceByALeader(4);
    assertThat(startedBy(leader.name)).containsOnlyKeys(1L, 2L);
    assertThat(startedBy(follower.name)).containsOnlyKeys(3L, 4L);
    assertThat(startedBy(restarted.name)).isEmpty();
  }

  @Test
  void whenTheLeaderCrashesTheOtherTakesOverOnceTheLeaseExpires() throws Exception {
    forge.open(1);
    Replica leader = electOneOf(replica("a"), replica("b"));
    Replica follower = other(leader);
    await("change 1's run starts", () -> running(1));

    leader.crash(); // the lease is not released: it has to expire
    forge.open(2);
    await("the follower takes over", follower::leading);
    await("the new leader starts change 2's run", () -> running(2));

    assertEveryRunStartedOnceByALeader(2);
    assertThat(startedBy(leader.name)).containsOnlyKeys(1L);
    assertThat(startedBy(follower.name)).containsOnlyKeys(2L);
    // the crashed leader's run is handed to the new leader's executor, not started again
    assertThat(calls)
        .filteredOn(c -> c.replica().equals(follower.name) && c.what().equals("recover"))
        .extracting(Call::runId)
        .containsExactly(runOf(1).id());
  }

  private Replica replica(String name) {
    Replica r = new Replica(name, server.createClient(), TIMING, config(), forge, runs, calls);
    replicas.add(r);
    r.start();
    return r;
  }

  private Replica electOneOf(Replica a, Replica b) throws InterruptedException {
    await("one of two replicas leads", () -> a.leading() || b.leading());
    return a.leading() ? a : b;
  }

  private Replica other(Replica one) {
    return replicas.stream().filter(r -> r != one).findFirst().orElseThrow();
  }

  private void assertEveryRunStartedOnceByALeader(int changes) {
    List<Call> starts = calls.stream().filter(c -> c.what().equals("start")).toList();
    assertThat(starts).as("starts").allSatisfy(c -> assertThat(c.leading()).isTrue());
    assertThat(starts.stream().map(Call::runId).distinct().count())
        .as("distinct runs started: " + starts)
        .isEqualTo(starts.size())
        .isEqualTo(changes);
  }

  /** The changes whose runs {@code replica} started, with how many. */
  private Map<Long, Long> startedBy(String replica) {
    return calls.stream()
        .filter(c -> c.replica().equals(replica) && c.what().equals("start"))
        .collect(
            Collectors.groupingBy(
                c -> runs.get(c.runId()).orElseThrow().key().change(), Collectors.counting()));
  }

  private boolean running(long change) {
    return runs.all().stream()
        .anyMatch(r -> r.key().change() == change && r.state() == RunState.RUNNING);
  }

  private RunRecord runOf(long change) {
    return runs.all().stream().filter(r -> r.key().change() == change).findFirst().orElseThrow();
  }

  private static ConfigSnapshot config() {
    LoadResult result =
        new ConfigLoader(new CelPolicyEngine())
            .load(
                "rev1",
                List.of(new ConfigFile("ci.yaml", "1", CONFIG.getBytes(StandardCharsets.UTF_8))));
    if (result instanceof LoadResult.Loaded loaded) {
      return loaded.snapshot();
    }
    throw new IllegalStateException("test config does not load: " + result);
  }

  private static void await(String what, BooleanSupplier done) throws InterruptedException {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("gave up waiting until " + what);
      }
      Thread.sleep(20);
    }
  }
}
