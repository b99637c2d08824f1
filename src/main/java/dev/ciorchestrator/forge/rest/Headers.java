package dev.ciorchestrator.forge.rest;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Reads the numeric headers forges send about their limits. */
public final class Headers {
  private Headers() {}

  /** The header's whole number; empty when absent or not a number (one we cannot honour). */
  public static Optional<Long> number(HttpHeaders headers, String name) {
    try {
      return headers.firstValue(name).map(String::strip).map(Long::parseLong);
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /**
   * What a 429 asks for, on forges that say it with {@code Retry-After} (seconds) or a reset time
   * (epoch seconds in {@code resetHeader}): the wait; exponential backoff when it says neither. Any
   * other status is no limit.
   */
  public static Limit tooManyRequests(
      HttpHeaders headers, int status, Instant now, String resetHeader) {
    if (status != 429) {
      return Limit.NONE;
    }
    Optional<Long> retryAfter = number(headers, "retry-after");
    if (retryAfter.isPresent()) {
      return Limit.waitFor(Duration.ofSeconds(Math.max(1, retryAfter.get())));
    }
    Optional<Long> reset = number(headers, resetHeader);
    if (reset.isPresent()) {
      Duration d = Duration.between(now, Instant.ofEpochSecond(reset.get())).plusSeconds(1);
      return Limit.waitFor(d.isNegative() ? Duration.ofSeconds(1) : d);
    }
    return Limit.BACK_OFF;
  }
}
