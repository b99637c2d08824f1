package dev.ciorchestrator.config.review;

import dev.ciorchestrator.config.model.ConfigSnapshot;
import dev.ciorchestrator.reconcile.impact.Impact;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import org.jboss.logging.Logger;

/**
 * Computes the impact of reviewed config changes off the reconcile loop: a change touching every
 * repository's gate plans every open change twice, seconds that would otherwise hold up the config
 * repository's pass. One impact is computed at a time; asking again for a change whose impact has
 * not started yet replaces the older ask (a newer head, or a newer running config, supersedes it),
 * so at most one ask per open change waits. A result is kept only while its review is still the
 * change's current one, and then told to the loop, whose next pass reports it. A dry run that
 * throws is a result too: the review then says the impact could not be computed and why, rather
 * than "being computed" for ever; a new head or running config asks again.
 */
final class Impacts {
  private static final Logger LOG = Logger.getLogger(Impacts.class);

  private record Ask(Review review, ConfigSnapshot running) {}

  private final Executor runner;
  private final Map<Long, Review> reviews;
  private final BiFunction<Review, ConfigSnapshot, Review> compute;
  private final Runnable wake;
  private final Map<Long, Ask> waiting = new ConcurrentHashMap<>();
  private final Set<Long> ready = ConcurrentHashMap.newKeySet();

  /**
   * @param runner where impacts are computed ({@link #background()}; a direct executor computes
   *     each at once, on the pass that asks)
   * @param reviews the current review of each change, where results go
   * @param compute a review with its impact, against a running config
   * @param wake asks for a pass of the config repository once a result is there
   */
  Impacts(
      Executor runner,
      Map<Long, Review> reviews,
      BiFunction<Review, ConfigSnapshot, Review> compute,
      Runnable wake) {
    this.runner = runner;
    this.reviews = reviews;
    this.compute = compute;
    this.wake = wake;
  }

  /** One daemon thread, ended while idle, so a reviewer nobody uses any more holds none. */
  static Executor background() {
    ThreadPoolExecutor executor =
        new ThreadPoolExecutor(
            1,
            1,
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            r -> {
              Thread t = new Thread(r, "config-impact");
              t.setDaemon(true);
              return t;
            });
    executor.allowCoreThreadTimeOut(true);
    return executor;
  }

  /** Asks for {@code review}'s impact on change {@code change} under {@code running}. */
  void ask(long change, Review review, ConfigSnapshot running) {
    if (waiting.put(change, new Ask(review, running)) == null) {
      runner.execute(() -> run(change));
    }
  }

  /** The changes whose impact arrived since last asked, to report again. */
  Set<Long> takeReady() {
    Set<Long> out = new HashSet<>();
    for (Iterator<Long> it = ready.iterator(); it.hasNext(); ) {
      out.add(it.next());
      it.remove();
    }
    return out;
  }

  /** Change {@code change} is reported as its review is now: what arrived is in it already. */
  void reported(long change) {
    ready.remove(change);
  }

  private void run(long change) {
    Ask ask = waiting.remove(change);
    if (ask == null) {
      return;
    }
    Review done;
    try {
      done = compute.apply(ask.review(), ask.running());
    } catch (RuntimeException e) {
      LOG.errorf(e, "impact of config change #%d failed", change);
      done = ask.review().withImpact(Impact.failed(e.getMessage()), Set.of());
    }
    if (reviews.replace(change, ask.review(), done)) {
      ready.add(change);
      wake.run();
    }
  }
}
