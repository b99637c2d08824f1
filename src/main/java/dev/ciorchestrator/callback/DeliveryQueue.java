package dev.ciorchestrator.callback;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Deliveries waiting for their turn: new ones and those waiting out a backoff, taken in order of
 * when they are due. Bounded: when full, the oldest delivery (the first queued) goes, so a receiver
 * that is down for long costs old reports, never memory, and never makes a caller wait.
 *
 * <p>A delivery is queued once: offered again while it is queued or taken and not yet {@link
 * #settled} (an attempt is on the wire), it is ignored, so a stored queue loaded again (a new term
 * of leadership) never sends a delivery twice at once.
 */
final class DeliveryQueue {
  private record Entry(long seq, Delivery delivery) {}

  private static final Comparator<Entry> BY_DUE =
      Comparator.comparing((Entry e) -> e.delivery().due()).thenComparingLong(Entry::seq);

  private final int capacity;
  private final Clock clock;
  private final List<Entry> entries = new ArrayList<>();
  private final Set<String> taken = new HashSet<>(); // ids whose attempt has not settled
  private long nextSeq;
  private boolean closed;

  DeliveryQueue(int capacity, Clock clock) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
    }
    this.capacity = capacity;
    this.clock = clock;
  }

  /**
   * Adds {@code d}, unless it is queued or taken already; never blocks.
   *
   * @return the delivery dropped to make room, if the queue was full
   */
  synchronized Optional<Delivery> offer(Delivery d) {
    if (taken.contains(d.id())
        || entries.stream().anyMatch(e -> e.delivery().id().equals(d.id()))) {
      return Optional.empty();
    }
    Optional<Delivery> dropped = Optional.empty();
    if (entries.size() >= capacity) {
      Entry oldest = entries.stream().min(Comparator.comparingLong(Entry::seq)).orElseThrow();
      entries.remove(oldest);
      dropped = Optional.of(oldest.delivery());
    }
    entries.add(new Entry(nextSeq++, d));
    notifyAll();
    return dropped;
  }

  /**
   * The next delivery that is due, waiting until there is one.
   *
   * @return empty once the queue is closed
   */
  synchronized Optional<Delivery> take() throws InterruptedException {
    while (!closed) {
      Optional<Entry> first = entries.stream().min(BY_DUE);
      if (first.isPresent()) {
        Duration wait = Duration.between(clock.instant(), first.get().delivery().due());
        if (wait.isNegative() || wait.isZero()) {
          entries.remove(first.get());
          taken.add(first.get().delivery().id());
          return Optional.of(first.get().delivery());
        }
        // a new delivery that is due sooner wakes us through notifyAll
        wait(Math.max(1, wait.toMillis()));
      } else {
        wait();
      }
    }
    return Optional.empty();
  }

  /** The attempt at {@code id} that was taken ended: it may be queued again. */
  synchronized void settled(String id) {
    taken.remove(id);
  }

  /** Takes {@code id} out, if it is queued. */
  synchronized void remove(String id) {
    entries.removeIf(e -> e.delivery().id().equals(id));
  }

  /**
   * Takes everything queued out: another replica leads now, and sends what the store holds. The
   * attempts taken go on, and stay known until they settle.
   */
  synchronized void clear() {
    entries.clear();
  }

  synchronized int size() {
    return entries.size();
  }

  /** Wakes every taker with "closed"; what is still queued is left undelivered. */
  synchronized void close() {
    closed = true;
    notifyAll();
  }

  /** The queued deliveries, oldest first; for tests. */
  synchronized List<Delivery> snapshot() {
    return entries.stream()
        .sorted(Comparator.comparingLong(Entry::seq))
        .map(Entry::delivery)
        .toList();
  }

  Instant now() {
    return clock.instant();
  }
}
