package dev.ciorchestrator.config.sync;

/**
 * Where the running config stands against its source (DESIGN.md "Config repository"). The wire
 * names are the one spelling users see: the API's {@code state}, the readiness check's {@code
 * state} and the {@code state} tag of {@code ci_orchestrator_config_sync_state}.
 */
public enum SyncState {
  /** The running snapshot was loaded from the resolved revision. */
  SYNCED("Synced"),
  /** A new revision was seen and is not loaded yet; also the state before the first check. */
  OUT_OF_SYNC("OutOfSync"),
  /** The resolved revision cannot be loaded (or resolved); the last good snapshot keeps running. */
  ERROR("Error");

  private final String wire;

  SyncState(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }
}
