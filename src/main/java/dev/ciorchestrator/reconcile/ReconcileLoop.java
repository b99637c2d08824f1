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
 * Runs reconcile passes. A timer asks for a pass over every repository ({@link #requestAll}); forge
 * events and finished runs ask for their repository only ({@link #request}), which is what keeps
 * event-to-run latency low. Requests that arrive while a pass runs are merged: ten comments in a
 * burst cause one more pass, not ten.
 *
 * <p>Its own thread takes the requests (and syncs the config for a full pass); the passes run on a
 * bounded pool ({@link PassLimits#parallelism}), one repository's passes one after another and
 * different repositories' at once, so a repository whose policies are slow holds up only itself. A
 * pass plans changes only while its {@link PassLimits#budget} lasts; the rest carry over to the
 * repository's next pass, which follows at once behind the repositories already waiting.
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
   * @param carried changes left for the next pass because it spent its budget
   * @param error why it failed; empty when it succeeded
   */
  public record RepoStatus(Instant at, Duration took, int planned, int carried, String error) {}

  private final Supplier<ConfigSnapshot> config;
  private final Runnable configSync;
  private final RepoReconciler reconciler;
  private final Clock clock;
  private final LoopMetrics metrics;
  private final PassLimits limits;
  private final RepoPasses passes;
  private final Map<String, Object> repoLocks = new ConcurrentHashMap<>();
  private final Set<String> queue = new LinkedHashSet<>(); // its own monitor, see queueLock()
  private final Map<String, RepoStatus> status = new ConcurrentHashMap<>();
  private boolean busy; // guarded by queueLock(): the loop's thread is handing out a request
  private boolean closed; // guarded by queueLock()
  private final LoopProgress progress;
  private volatile Thread worker; // written under this, read without

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
    this(config, configSync, reconciler, clock, metrics, progress, PassLimits.SERIAL);
  }

  /**
   * @param limits how many repositories' passes run at once, and each pass's budget
   */
  public ReconcileLoop(
      Supplier<ConfigSnapshot> config,
      Runnable configSync,
      RepoReconciler reconciler,
      Clock clock,
      LoopMetrics metrics,
      LoopProgress progress,
      PassLimits limits) {
    this.config = config;
    this.configSync = configSync;
    this.reconciler = reconciler;
    this.clock = clock;
    this.metrics = metrics;
    this.progress = progress;
    this.limits = limits;
    this.passes = new RepoPasses(limits.parallelism(), this::passFromPool);
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

  /**
   * Syncs the config, then reconciles every configured repository, now, on this thread, each
   * planning all it can.
   */
  public void passAll() {
    configSync.run();
    ConfigSnapshot snapshot = config.get();
    for (Repository repository : snapshot.repositories()) {
      passOne(snapshot, repository, PassBudget.unlimited());
    }
  }

  /**
   * Reconciles one repository now, on this thread, planning all it can; unknown repositories are
   * ignored.
   */
  public void pass(String repo) {
    ConfigSnapshot snapshot = config.get();
    snapshot.repository(repo).ifPresent(r -> passOne(snapshot, r, PassBudget.unlimited()));
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
    hasWork = hasWork || passes.busy();
    Thread thread = worker;
    // Without a thread the loop only runs passes its caller makes; it is not stuck.
    return new LoopLiveness(
        running && thread != null, thread != null && thread.isAlive(), hasWork, progress.last());
  }

  /** Waits until nothing is queued or running; for tests and benchmarks. */
  public boolean awaitIdle(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      synchronized (queueLock()) {
        while (busy || !queue.isEmpty()) {
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            return false;
          }
          queueLock().wait(Math.max(1, left / 1_000_000));
        }
      }
      if (!passes.awaitIdle(deadline)) {
        return false;
      }
      synchronized (queueLock()) {
        if (!busy && queue.isEmpty() && !passes.busy()) {
          return true;
        }
      }
    }
  }

  @Override
  public void close() {
    synchronized (queueLock()) {
      closed = true;
      queueLock().notifyAll();
    }
    passes.close();
  }

  /** A pass the pool runs; true when it left changes for the next one. */
  private boolean passFromPool(String repo) {
    ConfigSnapshot snapshot = config.get();
    // a repository removed from the config since it was asked for has nothing left to do
    return snapshot
        .repository(repo)
        .map(r -> passOne(snapshot, r, limits.startPass()).carried() > 0)
        .orElse(false);
  }

  private RepoStatus passOne(ConfigSnapshot snapshot, Repository repository, PassBudget budget) {
    String repo = repository.name();
    synchronized (repoLocks.computeIfAbsent(repo, r -> new Object())) {
      progress.passStarted();
      try {
        RepoStatus done = reconcileOne(snapshot, repository, budget);
        status.put(repo, done);
        return done;
      } finally {
        progress.passEnded();
      }
    }
  }

  private RepoStatus reconcileOne(
      ConfigSnapshot snapshot, Repository repository, PassBudget budget) {
    String repo = repository.name();
    Instant at = clock.instant();
    long start = System.nanoTime();
    try {
      RepoReconciler.Outcome outcome = reconciler.reconcile(snapshot, repository, budget);
      Duration took = since(start);
      if (outcome.carried() > 0) {
        budgetSpent(repo, outcome, took);
      }
      metrics.passFinished(repo, took, false);
      return new RepoStatus(at, took, outcome.planned(), outcome.carried(), "");
    } catch (Throwable e) { // see the class comment: an Error ends this pass, not the loop
      String why = e.getMessage() == null ? e.toString() : e.getMessage();
      RepoStatus before = status.get(repo);
      if (before == null || !before.error().equals(why)) {
        LOG.errorf(e, "reconcile of %s failed: %s", repo, why);
      }
      Duration took = since(start);
      metrics.passFinished(repo, took, true);
      return new RepoStatus(at, took, 0, 0, why);
    }
  }

  /** Told once when a repository starts running out of budget, not at each of its passes. */
  private void budgetSpent(String repo, RepoReconciler.Outcome outcome, Duration took) {
    metrics.budgetSpent(repo, outcome.carried());
    RepoStatus before = status.get(repo);
    if (before == null || before.carried() == 0) {
      LOG.warn(budgetSpentMessage(repo, outcome, took));
    }
  }

  /**
   * What the log says when a pass spent its budget: where the time went, and policies blamed only
   * when they took most of the planning.
   */
  static String budgetSpentMessage(String repo, RepoReconciler.Outcome outcome, Duration took) {
    PassTimes times = outcome.times();
    String spent =
        "reconcile of %s spent its budget: %d changes planned in %d ms, %d carried over to its next passes (the pass took %d ms, %d ms of it reading its changes and runs before planning); "
            .formatted(
                repo,
                outcome.planned(),
                times.planning().toMillis(),
                outcome.carried(),
                took.toMillis(),
                times.reading().toMillis());
    if (times.policiesDominate()) {
      return spent
          + "its policies are slow: %d ms of the planning went to evaluating them (see ci_orchestrator_policy_evaluation_duration_seconds)"
              .formatted(times.policies().toMillis());
    }
    return spent
        + "not its policies (%d ms of the planning): planning, acting on and reporting that many changes took the time, as after a start, when every open change is planned once"
            .formatted(times.policies().toMillis());
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
          configSync.run();
          config.get().repositories().forEach(r -> passes.ask(r.name()));
        }
        batch.stream().filter(r -> !r.equals(ALL)).forEach(passes::ask);
      } catch (Throwable e) { // the config sync failing unexpectedly
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
