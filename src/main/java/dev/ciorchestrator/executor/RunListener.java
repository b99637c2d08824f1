package dev.ciorchestrator.executor;

import dev.ciorchestrator.domain.RunRecord;

/** Told whenever an executor moves a run forward, so the loop can re-plan its change promptly. */
@FunctionalInterface
public interface RunListener {
  /** {@code run} is the record as just stored. Called off the loop's thread; must not block. */
  void changed(RunRecord run);
}
