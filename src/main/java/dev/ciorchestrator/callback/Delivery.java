package dev.ciorchestrator.callback;

import dev.ciorchestrator.run.DeliveryStore;
import java.net.URI;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One report on its way to one receiver. Retries keep the delivery id, so a receiver can drop a
 * report it already has; each attempt re-stamps {@code sentAt} in the body and signs it again.
 *
 * @param id the delivery id, header {@value Signature#DELIVERY_HEADER}
 * @param event {@code run} or {@code gate}
 * @param payload the report without {@code delivery} and {@code sentAt}, which each attempt adds
 * @param context the MDC entries (run id, repo, job) for the lines logged about this delivery
 * @param attempt how many attempts were made so far
 * @param due when the next attempt may start
 * @param secretSetting the deployment setting that holds {@code secret}: the callback queue stores
 *     this, never the secret, and reads the secret again when a new leader loads the delivery
 */
public record Delivery(
    String id,
    String event,
    URI url,
    String secret,
    Map<String, Object> payload,
    Map<String, String> context,
    int attempt,
    Instant due,
    String secretSetting) {
  public Delivery {
    Objects.requireNonNull(secret, "secret");
    Objects.requireNonNull(secretSetting, "secretSetting");
    payload = Collections.unmodifiableMap(new LinkedHashMap<>(payload)); // JSON keeps this order
    context = Map.copyOf(context);
  }

  /** A delivery whose secret is in no setting: it cannot outlive this process. */
  public Delivery(
      String id,
      String event,
      URI url,
      String secret,
      Map<String, Object> payload,
      Map<String, String> context,
      int attempt,
      Instant due) {
    this(id, event, url, secret, payload, context, attempt, due, "");
  }

  Delivery retryAt(Instant next) {
    return new Delivery(id, event, url, secret, payload, context, attempt + 1, next, secretSetting);
  }

  /** As the callback queue stores it: without the secret. */
  DeliveryStore.Stored stored() {
    return new DeliveryStore.Stored(id, event, url, secretSetting, payload, context, attempt, due);
  }

  /** A stored delivery, signed again with {@code secret}. */
  static Delivery of(DeliveryStore.Stored s, String secret) {
    return new Delivery(
        s.id(),
        s.event(),
        s.url(),
        secret,
        s.payload(),
        s.context(),
        s.attempt(),
        s.due(),
        s.secretSetting());
  }

  /** No secret in here: records get printed by debuggers and failing tests. */
  @Override
  public String toString() {
    return "Delivery[" + id + " " + event + " to " + url + ", attempt " + attempt + "]";
  }
}
