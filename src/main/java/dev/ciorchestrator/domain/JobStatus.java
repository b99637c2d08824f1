package dev.ciorchestrator.domain;

import java.util.Locale;

/**
 * A job's status for one change's current head SHA, as the CEL {@code jobs} map shows it: a run
 * state, or {@code missing} (due but not started) or {@code skipped} (not applicable to the
 * change).
 */
public enum JobStatus {
  MISSING,
  PENDING,
  RUNNING,
  SUCCESS,
  FAILURE,
  ERROR,
  ABORTED,
  SKIPPED;

  // Computed once: the planner asks for it for every job of every change.
  private final String wire = name().toLowerCase(Locale.ROOT);

  public static JobStatus of(RunState state) {
    return valueOf(state.name());
  }

  public String wire() {
    return wire;
  }
}
