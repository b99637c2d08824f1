package dev.ciorchestrator.reconcile;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * Runs repositories' passes on a bounded pool of threads: passes over different repositories at
 * once, so one repository's slow policies never hold up another's events; passes over one
 * repository one after the other, never overlapping. A repository asked for while its pass runs
 * gets exactly one more pass after it (ten events in a burst cause one pass, not ten). A pass that
 * left changes over (its budget ran out) asks for the next one itself, at the back of the pool's
 * queue, so the repositories waiting meanwhile go first.
 *
 * <p>The queue never holds more than one entry per repository, so it is bounded by the config.
 */
final class RepoPasses {
  private final ExecutorService pool;
  private final Predicate<String> pass;
  private final Map<String, Boolean> active =
      new HashMap<>(); // repo → asked again; guarded by this
  private boolean closed; // guarded by this

  /**
   * @param pass one pass over a repository; true when it left work for another pass
   */
  RepoPasses(int threads, Predicate<String> pass) {
    AtomicInteger n = new AtomicInteger();
    ThreadPoolExecutor executor =
        new ThreadPoolExecutor(
            threads,
            threads,
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            r -> {
              Thread t = new Thread(r, "reconcile-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    // idle threads end, so a loop nobody closed (a test's, a follower's unused one) holds none
    executor.allowCoreThreadTimeOut(true);
    this.pool = executor;
    this.pass = pass;
  }

  /** Asks for a pass over {@code repo}: now if a thread is free, else after those asked before. */
  synchronized void ask(String repo) {
    if (closed) {
      return;
    }
    if (active.containsKey(repo)) {
      active.put(repo, true);
      return;
    }
    active.put(repo, false);
    submit(repo);
  }

  /** Whether a pass runs or waits for a thread. */
  synchronized boolean busy() {
    return !active.isEmpty();
  }

  /** Waits until no pass runs or waits; false if {@code deadlineNanos} came first. */
  synchronized boolean awaitIdle(long deadlineNanos) throws InterruptedException {
    while (!active.isEmpty()) {
      long left = deadlineNanos - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return true;
  }

  /** No pass starts from now on; one already running finishes. */
  synchronized void close() {
    closed = true;
    active.clear();
    notifyAll();
    pool.shutdown();
  }

  private void run(String repo) {
    synchronized (this) {
      if (closed) { // queued before close(): a follower starts no pass
        return;
      }
    }
    boolean more = false;
    try {
      more = pass.test(repo);
    } finally {
      // whatever the pass threw, the repository must not stay marked active: it would never
      // get another pass
      done(repo, more);
    }
  }

  private synchronized void done(String repo, boolean more) {
    Boolean again = active.get(repo);
    if (again == null) { // closed meanwhile
      return;
    }
    if (more || again) {
      active.put(repo, false);
      submit(repo);
    } else {
      active.remove(repo);
      notifyAll();
    }
  }

  // guarded by this
  private void submit(String repo) {
    try {
      pool.execute(() -> run(repo));
    } catch (RejectedExecutionException e) {
      active.remove(repo); // only after close(): nothing runs any more
      notifyAll();
    }
  }
}
