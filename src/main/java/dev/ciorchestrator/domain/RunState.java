package dev.ciorchestrator.domain;

import java.util.Locale;

/**
 * A run's life: {@code pending -> running -> success | failure | error | aborted}. {@code error} is
 * an infrastructure failure and the only state eligible for {@code retries}.
 */
public enum RunState {
  PENDING,
  RUNNING,
  SUCCESS,
  FAILURE,
  ERROR,
  ABORTED;

  public boolean terminal() {
    return this != PENDING && this != RUNNING;
  }

  /** The lower-case name that CEL, statuses and the API use. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
