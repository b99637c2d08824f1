package dev.ciorchestrator.run;

import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Callback deliveries queued or waiting out a backoff, kept in the store beside the runs: a
 * delivery queued before a restart or a failover is sent by the next leader, with the attempts it
 * already made. Bounded: past its capacity the oldest-queued go. Only the leader writes ({@link
 * WriteFence}).
 */
public interface DeliveryStore {
  /**
   * One delivery as stored. Never the secret that signs it: {@code secretSetting} names the
   * deployment setting that holds it, read again when the delivery is loaded.
   *
   * @param payload the report, keys in the order they are sent
   * @param context the MDC entries for the lines logged about it
   * @param attempt attempts made so far
   * @param due when the next attempt may start
   */
  record Stored(
      String id,
      String event,
      URI url,
      String secretSetting,
      Map<String, Object> payload,
      Map<String, String> context,
      int attempt,
      Instant due) {
    public Stored {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(event, "event");
      Objects.requireNonNull(url, "url");
      Objects.requireNonNull(secretSetting, "secretSetting");
      payload = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(payload));
      context = Map.copyOf(context);
      Objects.requireNonNull(due, "due");
    }
  }

  /**
   * Stores {@code delivery} (a delivery whose id is stored already is left as it is), then drops
   * the oldest-queued while more than {@code capacity} are stored.
   *
   * @return the deliveries dropped, oldest first
   */
  List<Stored> add(Stored delivery, int capacity) throws IOException;

  /**
   * Records a failed attempt: the attempts made and when the next may start.
   *
   * @return false if the delivery is not stored (it was dropped meanwhile)
   */
  boolean retry(String id, int attempt, Instant due) throws IOException;

  /** Forgets the delivery: sent, or given up. */
  void remove(String id) throws IOException;

  /** Every stored delivery, oldest-queued first. */
  List<Stored> all() throws IOException;
}
