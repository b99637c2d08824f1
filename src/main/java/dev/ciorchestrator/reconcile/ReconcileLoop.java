package dev.ciorchestrator.reconcile;

import dev.ciorchestrator.config.model.ConfigSnapshot;
import dev.ciorchestrator.config.model.Repository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Runs reconcile passes one at a time on its own thread. A timer asks for a pass over every
 * repository ({@link #requestAll}); forge events and finished runs ask for their repository only
 * ({@link #request}), which is what keeps event-to-run latency low. Requests that arrive while a
 * pass runs are merged: ten comments in a burst cause one more pass, not ten.
 *
 * <p>One failing repository never stops the others: its error is logged and kept in {@link
 * #status}, and it is tried again on the next pass. That holds for every {@link Throwable}, an
 * {@link OutOfMemoryError} included: what failed was one pass, whose memory is garbage once it has
 * unwound, and a loop thread that died would leave every repository unreconciled behind a service
 * that still answers. {@link #liveness()} tells a probe whether the loop still gets somewhere.
 */
public final class ReconcileLoop implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(ReconcileLoop.class);
  private static final String ALL = "\0all";

  /**
   * The last pass over one repository.
   *
   * @param planned changes planned in it (the others were unchanged)
   * @param error why it failed; empty when it succeeded
   */
  public record RepoStatus(Instant at, Duration took, int planned, String error) {}

  private final Supplier<ConfigSnapshot> config;
  private final Runnable configSync;
  private final RepoReconciler reconciler;
  private final Clock clock;
  private final LoopMetrics metrics;
  private final Set<String> queue = new LinkedHashSet<>(); // its own monitor, see queueLock()
  private final Map<String, RepoStatus> status = new ConcurrentHashMap<>();
  private boolean busy; // guarded by queueLock()
  private boolean closed; // guarded by queueLock()
  private final LoopProgress progress;
  private volatile Thread worker; // written under this, read without: passes hold this

  /**
   * @param config the running config snapshot
   * @param configSync called before every full pass; cheap when the config SHA did not move
   */
  public ReconcileLoop(
      Supplier<ConfigSnapshot> config,
      Runnable configSync,
      RepoReconciler reconciler,
      Clock clock,
      LoopMetrics metrics) {
    this(config, configSync, reconciler, clock, metrics, new LoopProgress(clock));
  }

  /**
   * @param progress also marked by {@code reconciler}'s steps, when its metrics are {@link
   *     LoopProgress#counting counting}
   */
  public ReconcileLoop(
      Supplier<ConfigSnapshot> config,
      Runnable configSync,
      RepoReconciler reconciler,
      Clock clock,
      LoopMetrics metrics,
      LoopProgress progress) {
    this.config = config;
    this.configSync = configSync;
    this.reconciler = reconciler;
    this.clock = clock;
    this.metrics = metrics;
    this.progress = progress;
  }

  public synchronized void start() {
    if (worker == null) {
      progress.mark();
      worker = new Thread(this::work, "reconcile");
      worker.setDaemon(true);
      worker.start();
    }
  }

  public void requestAll() {
    enqueue(ALL);
  }

  public void request(String repo) {
    enqueue(repo);
  }

  /** Syncs the config, then reconciles every configured repository, now, on this thread. */
  public synchronized void passAll() {
    configSync.run();
    ConfigSnapshot snapshot = config.get();
    for (Repository repository : snapshot.repositories()) {
      passOne(snapshot, repository);
    }
  }

  /** Reconciles one repository now, on this thread; unknown repositories are ignored. */
  public synchronized void pass(String repo) {
    ConfigSnapshot snapshot = config.get();
    snapshot.repository(repo).ifPresent(r -> passOne(snapshot, r));
  }

  public Map<String, RepoStatus> status() {
    return Map.copyOf(status);
  }

  public Optional<RepoStatus> status(String repo) {
    return Optional.ofNullable(status.get(repo));
  }

  /** Whether the loop's thread lives and when it last got somewhere. */
  public LoopLiveness liveness() {
    boolean running;
    boolean hasWork;
    synchronized (queueLock()) {
      running = !closed;
      hasWork = busy || !queue.isEmpty();
    }
    Thread thread = worker;
    // Without a thread the loop only runs passes its caller makes; it is not stuck.
    return new LoopLiveness(
        running && thread != null, thread != null && thread.isAlive(), hasWork, progress.last());
  }

  /** Waits until nothing is queued or running; for tests and benchmarks. */
  public boolean awaitIdle(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (queueLock()) {
      while (busy || !queue.isEmpty()) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        queueLock().wait(Math.max(1, left / 1_000_000));
      }
      return true;
    }
  }

  @Override
  public void close() {
    synchronized (queueLock()) {
      closed = true;
      queueLock().notifyAll();
    }
  }

  private void passOne(ConfigSnapshot snapshot, Repository repository) {
    Instant at = clock.instant();
    long start = System.nanoTime();
    try {
      int planned = reconciler.reconcile(snapshot, repository);
      Duration took = since(start);
      status.put(repository.name(), new RepoStatus(at, took, planned, ""));
      metrics.passFinished(repository.name(), took, false);
    } catch (Throwable e) { // see the class comment: an Error ends this pass, not the loop
      String why = e.getMessage() == null ? e.toString() : e.getMessage();
      RepoStatus before = status.get(repository.name());
      if (before == null || !before.error().equals(why)) {
        LOG.errorf(e, "reconcile of %s failed: %s", repository.name(), why);
      }
      Duration took = since(start);
      status.put(repository.name(), new RepoStatus(at, took, 0, why));
      metrics.passFinished(repository.name(), took, true);
    } finally {
      progress.mark();
    }
  }

  // Logging can fail too when memory is short; the thread must outlive that as well.
  private static void logUnexpected(Throwable e) {
    try {
      LOG.errorf(e, "reconcile pass failed unexpectedly");
    } catch (Throwable alsoFailed) {
      // nothing is left to report it with; the next pass tries again
    }
  }

  private static Duration since(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }

  // The queue has its own monitor, so asking for a pass never waits behind a running pass.
  private Object queueLock() {
    return queue;
  }

  private void enqueue(String item) {
    synchronized (queueLock()) {
      if (!busy && queue.isEmpty()) {
        progress.mark(); // an idle loop's wait ends here, not when it began
      }
      queue.add(item);
      queueLock().notifyAll();
    }
  }

  private void work() {
    while (true) {
      Set<String> batch;
      synchronized (queueLock()) {
        if (queue.isEmpty()) {
          progress.mark(); // nothing to do is not being stuck
        }
        while (queue.isEmpty() && !closed) {
          try {
            queueLock().wait();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
        }
        if (closed) {
          return;
        }
        batch = new LinkedHashSet<>(queue);
        queue.clear();
        busy = true;
        progress.mark();
      }
      try {
        if (batch.contains(ALL)) {
          passAll();
        } else {
          batch.forEach(this::pass);
        }
      } catch (Throwable e) { // the config sync, or a repository's pass failing to record its error
        logUnexpected(e);
      } finally {
        synchronized (queueLock()) {
          busy = false;
          queueLock().notifyAll();
        }
      }
    }
  }
}
