package dev.ciorchestrator.callback;

import java.time.Duration;

/**
 * Exponential backoff between delivery attempts: {@code initial}, then doubled after each failed
 * attempt, never more than {@code max}. No jitter: deliveries are few and go to many receivers, so
 * they do not arrive in lockstep at any one of them.
 */
public record Backoff(Duration initial, Duration max) {
  public Backoff {
    if (initial.isNegative() || max.compareTo(initial) < 0) {
      throw new IllegalArgumentException("need 0 <= initial <= max, got " + initial + ", " + max);
    }
  }

  /** The wait after failed attempt {@code attempt} (1 = the first try). */
  public Duration after(int attempt) {
    Duration d = initial;
    for (int i = 1; i < attempt && d.compareTo(max) < 0; i++) {
      d = d.multipliedBy(2);
    }
    return d.compareTo(max) > 0 ? max : d;
  }
}
