package dev.ciorchestrator.forge.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.config.loading.ConfigLoader;
import dev.ciorchestrator.config.loading.DirectoryConfigSource;
import dev.ciorchestrator.config.model.ConfigSnapshot;
import dev.ciorchestrator.config.sync.ConfigSync;
import dev.ciorchestrator.executor.RunEvents;
import dev.ciorchestrator.executor.local.LocalExecutor;
import dev.ciorchestrator.executor.process.JobSlots;
import dev.ciorchestrator.executor.process.ProcessRunner;
import dev.ciorchestrator.executor.workspace.WorkspaceBuilder;
import dev.ciorchestrator.forge.Forge;
import dev.ciorchestrator.policy.cel.CelPolicyEngine;
import dev.ciorchestrator.reconcile.LoopMetrics;
import dev.ciorchestrator.reconcile.ReconcileLoop;
import dev.ciorchestrator.reconcile.RepoReconciler;
import dev.ciorchestrator.report.RunLinks;
import dev.ciorchestrator.run.RunStore;
import dev.ciorchestrator.run.file.FileRunStore;
import dev.ciorchestrator.run.file.FileWatermarks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * The real reconcile loop over one config repository (YAML written to a temp folder, loaded by the
 * real loader) and forges given by the test, with the local executor running jobs as real
 * processes. {@link #restart} drops the loop's and reporter's memory and starts over with new forge
 * instances on the same run store and watermarks, as a restarted service would.
 */
public final class ScenarioLoop implements AutoCloseable {
  private final Path dir;
  private final ConfigSnapshot snapshot;
  private final RunStore runs;
  private final ExecutorService pool = Executors.newCachedThreadPool();
  private ReconcileLoop loop;

  /**
   * @param forges the forges by id, built for the loaded config (an adapter reads the trust list
   *     and approval rules from it)
   */
  public ScenarioLoop(Path dir, String yaml, Function<ConfigSnapshot, Map<String, Forge>> forges)
      throws IOException {
    this.dir = dir;
    Files.createDirectories(dir.resolve("config"));
    Files.writeString(dir.resolve("config/ci.yaml"), yaml);
    ConfigSync sync =
        new ConfigSync(
            new DirectoryConfigSource(dir.resolve("config")),
            new ConfigLoader(new CelPolicyEngine()),
            Clock.systemUTC());
    sync.sync();
    this.snapshot = sync.current();
    assertThat(snapshot.repositories()).as("config loads: %s", sync.status()).isNotEmpty();
    this.runs = new FileRunStore(dir.resolve("runs/records"));
    start(forges.apply(snapshot));
  }

  public ConfigSnapshot config() {
    return snapshot;
  }

  private void start(Map<String, Forge> forges) throws IOException {
    Clock clock = Clock.systemUTC();
    RunEvents events = new RunEvents();
    LocalExecutor executor =
        new LocalExecutor(
            runs,
            new WorkspaceBuilder(),
            new ProcessRunner(),
            new JobSlots(),
            dir.resolve("runs"),
            clock,
            events,
            pool);
    RepoReconciler reconciler =
        new RepoReconciler(
            forges,
            runs,
            executor,
            new FileWatermarks(dir.resolve("watermarks.json")),
            new dev.ciorchestrator.run.file.FileControllerMemory(
                dir.resolve("memory.json"), dev.ciorchestrator.run.WriteFence.open()),
            clock,
            new RunLinks("http://localhost:8080"),
            Duration.ofHours(1),
            LoopMetrics.NONE);
    loop = new ReconcileLoop(() -> snapshot, () -> {}, reconciler, clock, LoopMetrics.NONE);
    events.register(run -> loop.request(run.key().repo()));
    loop.start();
  }

  /** A restarted service: no memory but what the forges and the run store keep. */
  public void restart(Function<ConfigSnapshot, Map<String, Forge>> forges) throws IOException {
    loop.close();
    start(forges.apply(snapshot));
  }

  /** Passes over {@code repo} until {@code done}, as the service's timer asks; a hang guard. */
  public void pollUntil(String repo, String what, BooleanSupplier done)
      throws InterruptedException {
    for (int i = 0; i < 600 && !done.getAsBoolean(); i++) {
      pass(repo);
      Thread.sleep(100);
    }
    assertThat(done.getAsBoolean()).as("%s; loop: %s", what, loop.status()).isTrue();
  }

  /** One pass over {@code repo}, waited for. */
  public void pass(String repo) throws InterruptedException {
    loop.request(repo);
    loop.awaitIdle(Duration.ofSeconds(30));
  }

  /** {@code count} passes over {@code repo}. */
  public void passes(String repo, int count) throws InterruptedException {
    for (int i = 0; i < count; i++) {
      pass(repo);
    }
  }

  @Override
  public void close() {
    loop.close();
    pool.shutdownNow();
  }
}
