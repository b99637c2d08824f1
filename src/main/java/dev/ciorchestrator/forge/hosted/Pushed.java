package dev.ciorchestrator.forge.hosted;

import java.time.Instant;
import java.util.Objects;

/**
 * When a change's head was pushed, as far as the adapter can tell. Hosted forges do not say when a
 * head was pushed: the adapter takes the time it saw the head move, or, for a head it did not see
 * move, the time it first saw it ({@code firstSight}): late rather than early, it can prove that an
 * {@code /ok-to-test} came after the push, never that one did when it did not.
 */
public record Pushed(Instant at, boolean firstSight) {
  public Pushed {
    Objects.requireNonNull(at, "at");
  }
}
