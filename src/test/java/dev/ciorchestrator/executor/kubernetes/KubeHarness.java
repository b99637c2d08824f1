package dev.ciorchestrator.executor.kubernetes;

import dev.ciorchestrator.cache.CacheTally;
import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.executor.RunListener;
import dev.ciorchestrator.executor.process.JobSlots;
import dev.ciorchestrator.run.RunStore;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * A {@link KubernetesExecutor} wired to the mock API server and the fake kubelet, as the shared
 * executor contract suite needs it: {@code new KubeHarness(tmp, store, slots, listener)}, then
 * {@link #executor()}; {@link #restart()} builds a fresh executor (a new orchestrator) on the same
 * cluster and store.
 */
public final class KubeHarness implements AutoCloseable {
  public final ApiServer api = new ApiServer();
  public final FakeKubelet kubelet;

  /** What the executor counted of its runs' caches (from their pods' termination messages). */
  public final CacheTally caches = new CacheTally();

  private final Path workDir;
  private final RunStore store;
  private final JobSlots slots;
  private final RunListener listener;
  private final List<AutoCloseable> opened = new CopyOnWriteArrayList<>();
  private final Duration logInterval;
  private final RenderOptions options;
  private KubernetesExecutor executor;

  public KubeHarness(Path tmp, RunStore store, JobSlots slots, RunListener listener) {
    this(tmp, store, slots, listener, Duration.ofMillis(100));
  }

  /**
   * @param logInterval how often running runs' logs are copied
   */
  public KubeHarness(
      Path tmp, RunStore store, JobSlots slots, RunListener listener, Duration logInterval) {
    this(tmp, store, slots, listener, logInterval, RenderOptions.defaults());
  }

  /**
   * @param options e.g. {@link #localClones}: the fake kubelet then runs the init container's real
   *     script with local git against those repositories
   */
  public KubeHarness(
      Path tmp,
      RunStore store,
      JobSlots slots,
      RunListener listener,
      Duration logInterval,
      RenderOptions options) {
    this.logInterval = logInterval;
    this.options = options;
    this.kubelet = new FakeKubelet(api, tmp);
    this.workDir = tmp.resolve("kube-work");
    this.store = store;
    this.slots = slots;
    this.listener = listener;
    this.executor = build(api.client());
  }

  public KubernetesExecutor executor() {
    return executor;
  }

  /** A new orchestrator: the old executor stops following, the cluster keeps its Jobs. */
  public KubernetesExecutor restart() {
    executor.close();
    executor = build(api.client());
    return executor;
  }

  /** An executor whose client talks to {@code client} (e.g. an unreachable server). */
  public KubernetesExecutor build(KubernetesClient client) {
    ScheduledExecutorService pool = Executors.newScheduledThreadPool(4);
    opened.add(pool::shutdownNow);
    opened.add(client);
    KubernetesExecutor built =
        new KubernetesExecutor(
            client,
            ApiServer.NAMESPACE,
            new JobRenderer(options),
            store,
            slots,
            workDir,
            Clock.systemUTC(),
            listener,
            pool,
            new KubernetesExecutor.Retry(3, Duration.ofMillis(50)),
            logInterval,
            caches);
    opened.add(built);
    return built.open();
  }

  /**
   * The defaults, but {@code owner/name} is fetched from the local repository {@code
   * <dir>/owner/name}.
   */
  public static RenderOptions localClones(Path dir) {
    RenderOptions d = RenderOptions.defaults();
    return new RenderOptions(
        d.initImage(),
        dir.toAbsolutePath() + "/{repo}",
        d.gitCredentialsSecret(),
        d.envSecret(),
        d.serviceAccount(),
        d.ttlSecondsAfterFinished(),
        d.runAsUser(),
        d.readOnlyRootFilesystem(),
        d.nodeSelector(),
        d.cacheClaim());
  }

  /** The run's record once it is terminal; polls with a 30 s hang guard. */
  public RunRecord awaitEnd(String id) throws Exception {
    for (int i = 0; i < 600; i++) {
      Optional<RunRecord> run = store.get(id);
      if (run.isPresent() && run.get().state().terminal()) {
        return run.get();
      }
      Thread.sleep(50);
    }
    throw new AssertionError("run " + id + " did not end: " + store.get(id));
  }

  public static RunListener ignore() {
    return (RunRecord r) -> {};
  }

  @Override
  public void close() {
    for (int i = opened.size() - 1; i >= 0; i--) {
      try {
        opened.get(i).close();
      } catch (Exception e) {
        throw new IllegalStateException("cannot close " + opened.get(i), e);
      }
    }
    kubelet.close();
    api.close();
  }
}
