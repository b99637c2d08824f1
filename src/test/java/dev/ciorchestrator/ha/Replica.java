package dev.ciorchestrator.ha;

import dev.ciorchestrator.config.model.ConfigSnapshot;
import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.domain.RunState;
import dev.ciorchestrator.executor.Executor;
import dev.ciorchestrator.executor.RunSpec;
import dev.ciorchestrator.reconcile.LoopMetrics;
import dev.ciorchestrator.reconcile.ReconcileLoop;
import dev.ciorchestrator.reconcile.RepoReconciler;
import dev.ciorchestrator.report.RunLinks;
import dev.ciorchestrator.run.RunStore;
import dev.ciorchestrator.run.Watermarks;
import dev.ciorchestrator.runtime.LeaderLoop;
import dev.ciorchestrator.runtime.LeaderTiming;
import dev.ciorchestrator.runtime.Leadership;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One controller process, as the service wires it ({@code ReconcileService}): its own Kubernetes
 * client, {@link Leadership} and {@link LeaderLoop}, and its own executor, over the forge and run
 * store all replicas share.
 */
final class Replica implements AutoCloseable {
  /** A run start or recovery some replica's executor was asked for. */
  record Call(String replica, String what, String runId, boolean leading) {}

  final String name;
  private final KubernetesClient client;
  private final Leadership leadership;
  private final LeaderLoop loop;

  Replica(
      String name,
      KubernetesClient client,
      LeaderTiming timing,
      ConfigSnapshot config,
      SharedForge forge,
      RunStore runs,
      List<Call> calls) {
    this.name = name;
    this.client = client;
    Executor executor = new RecordingExecutor(runs, calls);
    this.loop =
        new LeaderLoop(
            () -> {
              RepoReconciler reconciler =
                  new RepoReconciler(
                      Map.of(forge.id(), forge),
                      runs,
                      executor,
                      new MemoryWatermarks(),
                      Clock.systemUTC(),
                      new RunLinks(""),
                      Duration.ofMinutes(5),
                      LoopMetrics.NONE);
              return new ReconcileLoop(
                  () -> config, () -> {}, reconciler, Clock.systemUTC(), LoopMetrics.NONE);
            });
    this.leadership = new Leadership(client, "ci", "ci-orchestrator-leader", name, timing, loop);
  }

  void start() {
    leadership.start();
  }

  boolean leading() {
    return loop.leading();
  }

  /** What the service's timer does; a follower drops it. */
  void tick() {
    loop.requestAll();
  }

  /** What a webhook reaching this replica does; a follower drops it. */
  void forgeEvent(String repo) {
    loop.request(repo);
  }

  /** A graceful stop: the lease is released. */
  @Override
  public void close() {
    leadership.close();
    client.close();
  }

  /** A crash: the lease stays until it expires. */
  void crash() {
    leadership.halt();
    client.close();
  }

  /** Moves a started run to running, as a real executor does, and records who started it. */
  private final class RecordingExecutor implements Executor {
    private final RunStore runs;
    private final List<Call> calls;

    RecordingExecutor(RunStore runs, List<Call> calls) {
      this.runs = runs;
      this.calls = calls;
    }

    @Override
    public void start(RunRecord run, RunSpec spec) {
      calls.add(new Call(name, "start", run.id(), leadership.leader()));
      try {
        runs.update(run.withState(RunState.RUNNING, Instant.now(), ""));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public boolean cancel(String runId, String reason) {
      calls.add(new Call(name, "cancel", runId, leadership.leader()));
      return false;
    }

    @Override
    public void recover(RunRecord run, Optional<RunSpec> spec) {
      calls.add(new Call(name, "recover", run.id(), leadership.leader()));
    }

    @Override
    public Path logFile(String runId) {
      return Path.of("/nonexistent", runId + ".log");
    }
  }

  private static final class MemoryWatermarks implements Watermarks {
    private final Map<String, Map<String, String>> branches = new HashMap<>();
    private final Map<String, Map<String, Instant>> schedules = new HashMap<>();

    @Override
    public Optional<Map<String, String>> branches(String repo) {
      return Optional.ofNullable(branches.get(repo));
    }

    @Override
    public Map<String, Instant> schedules(String repo) {
      return schedules.getOrDefault(repo, Map.of());
    }

    @Override
    public void save(String repo, Map<String, String> b, Map<String, Instant> s) {
      branches.put(repo, Map.copyOf(b));
      schedules.put(repo, Map.copyOf(s));
    }
  }
}
