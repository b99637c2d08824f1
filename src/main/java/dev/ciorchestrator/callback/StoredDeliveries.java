package dev.ciorchestrator.callback;

import dev.ciorchestrator.run.DeliveryStore;
import dev.ciorchestrator.run.WriteFence;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The dispatcher's deliveries kept in the store ({@link DeliveryStore}) besides its {@link
 * DeliveryQueue}: the store is what lasts (a restart, a failover), the queue is what the workers
 * take from. While this replica leads, both hold the same deliveries, less those being sent; when
 * it starts leading the queue is filled from the store, and when it stops the queue is emptied, so
 * only the leader sends. A delivery is removed from the store once it is sent or given up: a crash
 * in between sends it again, with the same delivery id, which receivers use to drop a repeat.
 */
final class StoredDeliveries implements WriteFence.Watcher {
  private static final Logger LOG = Logger.getLogger(StoredDeliveries.class);

  /**
   * The value of a secret setting ({@code ci.callbacks.secret}, {@code ci.callbacks.secrets.x}).
   */
  @FunctionalInterface
  interface Secrets {
    Optional<String> value(String setting);
  }

  private final DeliveryStore store;
  private final int capacity;
  private final Secrets secrets;
  private final DeliveryQueue queue;
  private final CallbackMetrics metrics;

  StoredDeliveries(
      DeliveryStore store,
      int capacity,
      Secrets secrets,
      DeliveryQueue queue,
      CallbackMetrics metrics) {
    this.store = store;
    this.capacity = capacity;
    this.secrets = secrets;
    this.queue = queue;
    this.metrics = metrics;
  }

  /**
   * Stores {@code d}; the oldest-queued deliveries beyond the capacity leave the store and the
   * queue.
   *
   * @return those dropped
   */
  List<DeliveryStore.Stored> add(Delivery d) throws IOException {
    List<DeliveryStore.Stored> dropped = store.add(d.stored(), capacity);
    dropped.forEach(s -> queue.remove(s.id()));
    return dropped;
  }

  /** Stores the next attempt; false if the delivery was dropped meanwhile, and must not go on. */
  boolean retry(Delivery next) {
    try {
      return store.retry(next.id(), next.attempt(), next.due());
    } catch (IOException e) {
      // the attempt goes on from memory; a new leader would start from the last stored attempt
      LOG.warnf("callback %s: its next attempt is not stored: %s", next.id(), e.getMessage());
      return true;
    }
  }

  /** Sent or given up. */
  void done(Delivery d) {
    try {
      store.remove(d.id());
    } catch (IOException e) {
      LOG.warnf("callback %s: not removed from the store (sent again later): %s", d.id(), e);
    }
  }

  @Override
  public void leading() {
    queue.clear();
    List<DeliveryStore.Stored> all;
    try {
      all = store.all();
    } catch (IOException | RuntimeException e) {
      // the deliveries stay stored, for the next term
      LOG.errorf(e, "the callback queue cannot be read; its deliveries wait for the next term");
      return;
    }
    for (DeliveryStore.Stored s : all) {
      Optional<String> secret =
          s.secretSetting().isEmpty() ? Optional.empty() : secrets.value(s.secretSetting());
      if (secret.isPresent() && !secret.get().isEmpty()) {
        queue.offer(Delivery.of(s, secret.get()));
      } else {
        metrics.failed(s.event());
        LOG.warnf(
            "callback %s (%s) to %s given up: the deployment has no secret %s any more",
            s.id(), s.event(), CallbackDispatcher.where(s.url()), s.secretSetting());
        done(Delivery.of(s, ""));
      }
    }
    if (!all.isEmpty()) {
      LOG.infof("%d callback deliveries loaded from the store", all.size());
    }
  }

  @Override
  public void following() {
    queue.clear(); // the leader sends them now, from the store
  }
}
