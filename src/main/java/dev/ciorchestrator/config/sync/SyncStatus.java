package dev.ciorchestrator.config.sync;

import dev.ciorchestrator.config.model.ConfigError;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of the latest sync, as the API and logs show it.
 *
 * @param source where config comes from, credentials redacted
 * @param resolvedRevision the SHA the configured revision pointed at when last checked; empty if it
 *     could not be resolved
 * @param runningRevision the SHA of the running snapshot; empty before the first good load
 * @param checkedAt when the source was last asked; null before the first check
 * @param lastSyncedAt when the running snapshot was switched to; null before the first good load
 * @param errors every problem with the resolved revision, sorted; empty unless {@code ERROR}
 * @param summary the running snapshot in one line ({@code 2 repositories, 7 jobs, 5 policies});
 *     empty before the first good load
 */
public record SyncStatus(
    SyncState state,
    String source,
    String resolvedRevision,
    String runningRevision,
    Instant checkedAt,
    Instant lastSyncedAt,
    List<ConfigError> errors,
    String summary) {
  public SyncStatus {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(source, "source");
    resolvedRevision = Objects.requireNonNullElse(resolvedRevision, "");
    runningRevision = Objects.requireNonNullElse(runningRevision, "");
    errors = errors.stream().sorted(ConfigError.ORDER).toList();
    summary = Objects.requireNonNullElse(summary, "");
  }

  /** Before the first check: nothing resolved, nothing running. */
  public static SyncStatus initial(String source) {
    return new SyncStatus(SyncState.OUT_OF_SYNC, source, "", "", null, null, List.of(), "");
  }
}
