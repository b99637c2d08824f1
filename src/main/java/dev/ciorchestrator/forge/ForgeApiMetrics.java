package dev.ciorchestrator.forge;

/**
 * What forge adapters tell about their traffic, for metrics: a port, so adapters need no metrics
 * library; the service implements it with Micrometer. Every tag value must come from a bounded set
 * (never a SHA, change number, user or URL). Calls must not block.
 */
public interface ForgeApiMetrics {
  /** Does nothing; for tests and benchmarks. */
  ForgeApiMetrics NONE = new ForgeApiMetrics() {};

  /**
   * One request to a forge's API was answered.
   *
   * @param forge the forge kind ({@code github}, {@code gitlab}, {@code gitea})
   * @param status the HTTP status, or 0 when no answer came (timeout, refused connection, broken
   *     body)
   * @param cached answered from the adapter's cache: a 304 to a conditional request, which costs no
   *     rate limit
   */
  default void request(String forge, int status, boolean cached) {}

  /** A request waited for the forge's rate limit to reset (or for its {@code Retry-After}). */
  default void rateLimited(String forge) {}

  /**
   * One webhook delivery was handled.
   *
   * @param event the forge's event name when the adapter knows it ({@code pull_request}), else
   *     {@code other}
   * @param result {@code accepted}, {@code ignored} (an event or action we do not act on), {@code
   *     duplicate} (a replayed delivery id), {@code unauthorized} (bad signature), {@code
   *     too_large}, {@code too_slow} (the body timed out), {@code busy} (no room in the intake) or
   *     {@code malformed}
   */
  default void webhook(String forge, String event, String result) {}
}
