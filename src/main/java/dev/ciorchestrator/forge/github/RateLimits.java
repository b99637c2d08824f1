package dev.ciorchestrator.forge.github;

import dev.ciorchestrator.forge.rest.Headers;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Reads GitHub's rate-limit headers. Primary limit: {@code x-ratelimit-remaining: 0} means wait
 * until {@code x-ratelimit-reset} (epoch seconds). Secondary limits: a 403 or 429 with {@code
 * retry-after} (seconds); a 429 without it waits a minute, as GitHub's documentation asks.
 */
final class RateLimits {
  private RateLimits() {}

  /** How long to wait before repeating a request that got this answer; empty: not limited. */
  static Optional<Duration> waitFor(HttpHeaders headers, int status, Instant now) {
    if (status != 403 && status != 429) {
      return Optional.empty();
    }
    Optional<Long> retryAfter = Headers.number(headers, "retry-after");
    if (retryAfter.isPresent()) {
      return Optional.of(Duration.ofSeconds(Math.max(1, retryAfter.get())));
    }
    Optional<Instant> reset = exhaustedUntil(headers);
    if (reset.isPresent()) {
      Duration d = Duration.between(now, reset.get()).plusSeconds(1);
      return Optional.of(d.isNegative() ? Duration.ofSeconds(1) : d);
    }
    return status == 429 ? Optional.of(Duration.ofMinutes(1)) : Optional.empty();
  }

  /** The reset time when the answer says no requests are left; empty otherwise. */
  static Optional<Instant> exhaustedUntil(HttpHeaders headers) {
    if (Headers.number(headers, "x-ratelimit-remaining").filter(n -> n == 0).isEmpty()) {
      return Optional.empty();
    }
    return Headers.number(headers, "x-ratelimit-reset").map(Instant::ofEpochSecond);
  }
}
