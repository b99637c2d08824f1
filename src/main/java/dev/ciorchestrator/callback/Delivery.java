package dev.ciorchestrator.callback;

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
 */
public record Delivery(
    String id,
    String event,
    URI url,
    String secret,
    Map<String, Object> payload,
    Map<String, String> context,
    int attempt,
    Instant due) {
  public Delivery {
    Objects.requireNonNull(secret, "secret");
    payload = Collections.unmodifiableMap(new LinkedHashMap<>(payload)); // JSON keeps this order
    context = Map.copyOf(context);
  }

  Delivery retryAt(Instant next) {
    return new Delivery(id, event, url, secret, payload, context, attempt + 1, next);
  }

  /** No secret in here: records get printed by debuggers and failing tests. */
  @Override
  public String toString() {
    return "Delivery[" + id + " " + event + " to " + url + ", attempt " + attempt + "]";
  }
}
