package dev.ciorchestrator.reconcile;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The threads a large plan's changes are planned on. Planning a change is pure, so the changes can
 * be split into slices planned side by side; the results are put back in input order, so the plan
 * is the same as on one thread. Bounded: as many threads as cores, at most {@link #MAX_THREADS},
 * shared by every plan of the process; small plans (a re-plan of the few changes that moved) stay
 * on the caller's thread and pay nothing.
 */
final class PlanPool {
  static final int MAX_THREADS = 4;

  /** Below this many changes per slice, handing work to another thread costs more than it saves. */
  static final int MIN_SLICE = 128;

  static final int THREADS = Math.min(MAX_THREADS, Runtime.getRuntime().availableProcessors());

  private PlanPool() {}

  /**
   * Created on first use: the CLI never plans in bulk. Daemon threads, so an idle pool never holds
   * up the end of the process.
   */
  private static final class Holder {
    private static final AtomicInteger NEXT = new AtomicInteger();
    static final ExecutorService POOL =
        Executors.newFixedThreadPool(
            THREADS,
            work -> {
              Thread t = new Thread(work, "planner-" + NEXT.getAndIncrement());
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * {@code work} applied to every item, in order: on the pool's threads when {@code parallel} and
   * there are enough items, else on this one. An exception of {@code work} is thrown as it is.
   */
  static <T, R> List<R> map(List<T> items, boolean parallel, Function<T, R> work) {
    // A few slices per thread, so one slice of slow changes does not leave the others idle.
    int slices = Math.min(Math.max(2, THREADS) * 4, items.size() / MIN_SLICE);
    if (!parallel || slices < 2) {
      return items.stream().map(work).toList();
    }
    List<Callable<List<R>>> tasks = new ArrayList<>(slices);
    for (int s = 0; s < slices; s++) {
      List<T> slice = items.subList(items.size() * s / slices, items.size() * (s + 1) / slices);
      tasks.add(() -> slice.stream().map(work).toList());
    }
    List<R> results = new ArrayList<>(items.size());
    for (Future<List<R>> done : invokeAll(tasks)) {
      results.addAll(join(done));
    }
    return results;
  }

  private static <R> List<Future<List<R>>> invokeAll(List<Callable<List<R>>> tasks) {
    try {
      return Holder.POOL.invokeAll(tasks);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("planning was interrupted", e);
    }
  }

  private static <R> List<R> join(Future<List<R>> done) {
    try {
      return done.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("planning was interrupted", e);
    }
  }
}
