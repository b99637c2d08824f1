package dev.ciorchestrator.config.sync;

/**
 * Where the running config stands against its source (DESIGN.md "Config repository"). The wire
 * names are what the API and logs show.
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
