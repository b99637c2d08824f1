package dev.ciorchestrator.callback;

import java.time.Duration;

/**
 * What callback delivery tells about itself, for metrics; a port, so this package needs no metrics
 * library. {@code event} is {@code run} or {@code gate}; never a URL (unbounded).
 */
public interface CallbackMetrics {
  /** Does nothing; for tests. */
  CallbackMetrics NONE = new CallbackMetrics() {};

  /** A receiver took the report (2xx) after {@code took} for the successful attempt. */
  default void delivered(String event, Duration took) {}

  /** An attempt failed in a way worth retrying, and a retry is scheduled. */
  default void retried(String event) {}

  /** The report is given up: refused, out of attempts, or no secret to sign it with. */
  default void failed(String event) {}

  /** The queue was full, so its oldest delivery was dropped for a new one. */
  default void dropped(String event) {}
}
