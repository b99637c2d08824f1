package dev.ciorchestrator.config.sync;

/**
 * Watches the config sync from outside (the metrics): times each load and hears each outcome. A
 * port, so the sync knows nobody who watches it.
 */
public interface SyncObserver {
  /** {@code loader}, timed; a load that throws is timed too. */
  ConfigSync.Loader timed(ConfigSync.Loader loader);

  /**
   * Takes the outcome of a sync; called on every sync, so it must be cheap when nothing changed.
   */
  void synced(SyncStatus status);
}
