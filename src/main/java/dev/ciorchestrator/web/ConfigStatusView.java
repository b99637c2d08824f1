package dev.ciorchestrator.web;

import dev.ciorchestrator.config.model.ConfigError;
import dev.ciorchestrator.config.sync.SyncStatus;
import java.time.Instant;
import java.util.List;

/**
 * The JSON form of a sync status ({@code GET /api/v1/config}). Times are ISO-8601 UTC, null when
 * the event has not happened yet; an error's {@code file} is relative to the config path (or the
 * source itself when the revision could not be resolved or read).
 */
public record ConfigStatusView(
    String state,
    String source,
    String resolvedRevision,
    String runningRevision,
    String checkedAt,
    String lastSyncedAt,
    String summary,
    List<ErrorView> errors) {

  /** One {@link ConfigError}, flattened. */
  public record ErrorView(String file, int line, int column, String field, String message) {
    static ErrorView of(ConfigError e) {
      return new ErrorView(
          e.position().file(), e.position().line(), e.position().column(), e.field(), e.message());
    }
  }

  public static ConfigStatusView of(SyncStatus s) {
    return new ConfigStatusView(
        s.state().wire(),
        s.source(),
        s.resolvedRevision(),
        s.runningRevision(),
        iso(s.checkedAt()),
        iso(s.lastSyncedAt()),
        s.summary(),
        s.errors().stream().map(ErrorView::of).toList());
  }

  private static String iso(Instant at) {
    return at == null ? null : at.toString();
  }
}
