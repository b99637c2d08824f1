package dev.ciorchestrator.callback;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Deliveries waiting for their turn: new ones and those waiting out a backoff, taken in order of
 * when they are due. Bounded: when full, the oldest delivery (the first queued) goes, so a receiver
 * that is down for long costs old reports, never memory, and never makes a caller wait.
 */
final class DeliveryQueue {
  private record Entry(long seq, Delivery delivery) {}

  private static final Comparator<Entry> BY_DUE =
      Comparator.comparing((Entry e) -> e.delivery().due()).thenComparingLong(Entry::seq);

  private final int capacity;
  private final Clock clock;
  private final List<Entry> entries = new ArrayList<>();
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
   * Adds {@code d}; never blocks.
   *
   * @return the delivery dropped to make room, if the queue was full
   */
  synchronized Optional<Delivery> offer(Delivery d) {
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

  /** Takes {@code id} out, if it is queued. */
  synchronized void remove(String id) {
    entries.removeIf(e -> e.delivery().id().equals(id));
  }

  /** Takes everything out: another replica leads now, and sends what the store holds. */
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
