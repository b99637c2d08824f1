package dev.ciorchestrator.forge.rest;

import java.time.Duration;
import java.util.Objects;

/**
 * What a forge's answer says about its rate limit: nothing, wait this long and repeat, or back off
 * and repeat (a 429 that says nothing of when: the retry policy's exponential backoff decides).
 */
public record Limit(Kind kind, Duration delay) {
  /** How to treat the answer. */
  public enum Kind {
    NONE,
    WAIT,
    BACK_OFF
  }

  public static final Limit NONE = new Limit(Kind.NONE, Duration.ZERO);
  public static final Limit BACK_OFF = new Limit(Kind.BACK_OFF, Duration.ZERO);

  public Limit {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(delay, "delay");
  }

  public static Limit waitFor(Duration delay) {
    return new Limit(Kind.WAIT, delay);
  }
}
