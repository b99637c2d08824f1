package dev.ciorchestrator.forge.rest;

import java.time.Duration;

/** Waits for a rate limit to reset; injectable, so tests never really sleep. */
@FunctionalInterface
public interface Sleeper {
  Sleeper REAL = d -> Thread.sleep(Math.max(0, d.toMillis()));

  void sleep(Duration duration) throws InterruptedException;
}
