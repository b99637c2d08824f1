package dev.ciorchestrator.executor;

import dev.ciorchestrator.domain.RunRecord;

/** Told whenever an executor moves a run forward, so the loop can re-plan its change promptly. */
@FunctionalInterface
public interface RunListener {
  /**
   * {@code run} is the record as just stored. Called on an executor thread, or on the caller's
   * thread when {@link Executor#cancel} or {@link Executor#recover} end a run themselves (a queued
   * run, a lost one); so it must not block, and should only note the change for the loop.
   */
  void changed(RunRecord run);
}
