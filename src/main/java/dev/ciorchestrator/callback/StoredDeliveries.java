package dev.ciorchestrator.callback;

import dev.ciorchestrator.run.DeliveryStore;
import dev.ciorchestrator.run.WriteFence;
import java.io.IOException;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * The dispatcher's deliveries kept in the store ({@link DeliveryStore}) besides its {@link
 * DeliveryQueue}: the store is what lasts (a restart, a failover), the queue is what the workers
 * take from. While this replica leads, both hold the same deliveries, less those being sent; when
 * it starts leading the queue is filled from the store, and when it stops the queue is emptied, so
 * only the leader sends. A delivery is removed from the store once it is sent or given up: a crash
 * in between sends it again, with the same delivery id, which receivers use to drop a repeat.
 *
 * <p>Leadership lost and regained while an attempt is on the wire sends nothing twice: the queue
 * ignores a delivery loaded again while its attempt is taken ({@link DeliveryQueue#offer}); an
 * attempt that ends while this replica follows cannot write the store, so it is remembered here and
 * removed from the store when this replica leads again, instead of being sent again; and a failed
 * one is not retried by a follower. Settling an attempt and loading the store exclude each other
 * (this object's lock), so neither sees the other half done. Another replica that leads meanwhile
 * can still send it again: only a crash-proof claim on the row would stop that, and at-least-once
 * with the delivery id is the contract (docs/reports.md).
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
  private final Set<String> unrecorded = new HashSet<>(); // guarded by this: ended while following

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

  /**
   * Stores the next attempt and queues it, unless the delivery was dropped meanwhile or this
   * replica follows now (the leader retries it from the store).
   */
  synchronized void retry(Delivery next, Consumer<Delivery> dropped) {
    queue.settled(next.id());
    try {
      if (!store.retry(next.id(), next.attempt(), next.due())) {
        return;
      }
    } catch (WriteFence.NotLeading e) {
      LOG.debugf("callback %s: not retried here: %s", next.id(), e.getMessage());
      return;
    } catch (IOException e) {
      // the attempt goes on from memory; a new leader would start from the last stored attempt
      LOG.warnf("callback %s: its next attempt is not stored: %s", next.id(), e.getMessage());
    }
    queue.offer(next).ifPresent(dropped);
  }

  /** Sent or given up. */
  synchronized void done(Delivery d) {
    queue.settled(d.id());
    try {
      store.remove(d.id());
    } catch (WriteFence.NotLeading e) {
      unrecorded.add(d.id()); // removed when this replica leads again, not sent again
    } catch (IOException e) {
      LOG.warnf("callback %s: not removed from the store (sent again later): %s", d.id(), e);
    }
  }

  /** Removes what ended while this replica followed; those still there are not to be sent. */
  private void recordEnded() {
    for (Iterator<String> it = unrecorded.iterator(); it.hasNext(); ) {
      String id = it.next();
      try {
        store.remove(id);
        it.remove();
      } catch (IOException e) {
        LOG.warnf("callback %s: not removed from the store: %s", id, e.getMessage());
      }
    }
  }

  @Override
  public synchronized void leading() {
    queue.clear();
    recordEnded();
    List<DeliveryStore.Stored> all;
    try {
      all = store.all();
    } catch (IOException | RuntimeException e) {
      // the deliveries stay stored, for the next term
      LOG.errorf(e, "the callback queue cannot be read; its deliveries wait for the next term");
      return;
    }
    for (DeliveryStore.Stored s : all) {
      if (unrecorded.contains(s.id())) {
        continue; // sent or given up while this replica followed
      }
      Optional<String> secret =
          s.secretSetting().isEmpty() ? Optional.empty() : secrets.value(s.secretSetting());
      if (secret.isPresent() && !secret.get().isEmpty()) {
        queue.offer(Delivery.of(s, secret.get()));
      } else {
        metrics.failed(s.event());
        LOG.warnf(
            "callback %s (%s) to %s given up: the deployment has no secret %s any more",
            s.id(), s.event(), CallbackDispatcher.where(s.url()), s.secretSetting());
        removeGivenUp(s.id());
      }
    }
    if (!all.isEmpty()) {
      LOG.infof("%d callback deliveries loaded from the store", all.size());
    }
  }

  private void removeGivenUp(String id) {
    try {
      store.remove(id);
    } catch (IOException e) {
      LOG.warnf("callback %s: not removed from the store (tried again later): %s", id, e);
    }
  }

  @Override
  public void following() {
    queue.clear(); // the leader sends them now, from the store
  }
}
