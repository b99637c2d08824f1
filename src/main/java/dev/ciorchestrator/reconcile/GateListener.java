package dev.ciorchestrator.reconcile;

import dev.ciorchestrator.domain.Change;

/**
 * Hears each published gate decision: the same moments {@link LoopMetrics#gateDecided} counts (the
 * {@code ci/gate} status changed and the gate flipped or settled), with what a report about it
 * needs. Called on the loop's thread, so it must not block; callbacks queue and return.
 */
@FunctionalInterface
public interface GateListener {
  /** Hears nothing; for tests and benchmarks. */
  GateListener NONE = (change, gate, configRevision) -> {};

  /**
   * @param change the change as planned, at the head SHA the gate saw
   * @param configRevision the config revision whose policies decided
   */
  void gateChanged(Change change, GateDecision gate, String configRevision);
}
