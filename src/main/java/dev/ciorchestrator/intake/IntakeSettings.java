package dev.ciorchestrator.intake;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * How request bodies are taken in ({@code ci.intake.*}, docs/http-intake.md): every body is read on
 * the event loop, within a time limit, under a bound on how many are read at once and how many
 * bytes are held, before any handler sees it.
 */
@ConfigMapping(prefix = "ci.intake")
public interface IntakeSettings {
  /**
   * The largest body of an API request; an endpoint with its own limit (a webhook) uses that
   * instead. A longer one gets a JSON 413.
   */
  @WithDefault("1M")
  MemorySize maxBodySize();

  /** Bodies being received at once; one more is answered 503 with {@code Retry-After}. */
  @WithDefault("32")
  int maxConcurrentReads();

  /**
   * Bytes of bodies held at once, from the first byte received until the request is answered; a
   * body that does not fit is answered 503. This bounds the heap that request bodies can take.
   */
  @WithDefault("32M")
  MemorySize maxInFlightBytes();

  /** Time from a request's head to the last byte of its body; a slower client gets 408. */
  @WithDefault("10s")
  Duration bodyTimeout();

  /** The {@code Retry-After} of a 503. */
  @WithDefault("5s")
  Duration retryAfter();

  /**
   * Readiness turns DOWN once the intake has been full (refusing bodies) this long without a break.
   */
  @WithDefault("5s")
  Duration saturatedAfter();
}
