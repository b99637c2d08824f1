package dev.ciorchestrator.domain;

import java.time.Instant;

/** Run records for tests that need one as the loop creates it. */
public final class TestRuns {
  private TestRuns() {}

  /** A pending pull-request run of {@code key} caused by alice at config {@code cfg1}. */
  public static RunRecord pending(RunKey key, Instant queuedAt) {
    return new RunRecord(
        key,
        RunState.PENDING,
        Trigger.PULL_REQUEST,
        "alice",
        "",
        "",
        "cfg1",
        queuedAt,
        null,
        null,
        "");
  }
}
