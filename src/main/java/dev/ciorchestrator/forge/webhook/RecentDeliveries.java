package dev.ciorchestrator.forge.webhook;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ids of the latest deliveries, to ignore a replay: GitHub redelivers with the same {@code
 * X-GitHub-Delivery}, and an attacker who captured a signed delivery can only send it again as it
 * was. Bounded: the oldest id is forgotten first. A forgotten replay does no harm beyond a
 * reconcile, which is idempotent; the bound only keeps memory flat.
 */
public final class RecentDeliveries {
  private final Map<String, Boolean> seen;

  public RecentDeliveries(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, not " + capacity);
    }
    this.seen =
        new LinkedHashMap<>(16, 0.75f, false) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > capacity;
          }
        };
  }

  /**
   * Records {@code id}; false if it was already recorded. Atomic, so two concurrent copies of one
   * delivery cannot both pass.
   */
  public synchronized boolean firstTime(String id) {
    return seen.putIfAbsent(id, Boolean.TRUE) == null;
  }

  synchronized int size() {
    return seen.size();
  }
}
