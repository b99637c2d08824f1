package dev.ciorchestrator.config.sync;

import dev.ciorchestrator.config.model.ConfigError;
import java.lang.System.Logger.Level;
import java.util.stream.Collectors;

/**
 * Logs a sync outcome once, when the state or a revision changes: a config that stays synced (or
 * stays broken) for days must not print a line every cycle. Not thread-safe; {@link ConfigSync}
 * calls it while holding its lock.
 */
final class TransitionLog {
  private static final System.Logger LOG = System.getLogger(ConfigSync.class.getName());
  private static final int LOGGED_ERRORS = 20;

  private String last = "";
  private int transitions;

  void record(SyncStatus status) {
    String key = status.state() + " " + status.resolvedRevision() + " " + status.runningRevision();
    if (key.equals(last)) {
      return;
    }
    last = key;
    transitions++;
    switch (status.state()) {
      case SYNCED -> LOG.log(Level.INFO, synced(status));
      case ERROR -> LOG.log(Level.WARNING, error(status));
      case OUT_OF_SYNC -> LOG.log(Level.DEBUG, "config out of sync: " + status.source());
    }
  }

  /** How many transitions were logged; tests use it to prove a steady state stays quiet. */
  int transitions() {
    return transitions;
  }

  private static String synced(SyncStatus s) {
    return "config synced: "
        + s.source()
        + " at "
        + shortSha(s.runningRevision())
        + " ("
        + s.summary()
        + ")";
  }

  private static String error(SyncStatus s) {
    String running = s.runningRevision().isEmpty() ? "nothing" : shortSha(s.runningRevision());
    String resolved =
        s.resolvedRevision().isEmpty() ? "an unresolved revision" : shortSha(s.resolvedRevision());
    String listed =
        s.errors().stream()
            .limit(LOGGED_ERRORS)
            .map(ConfigError::format)
            .collect(Collectors.joining("\n  ", "\n  ", ""));
    String more =
        s.errors().size() > LOGGED_ERRORS
            ? "\n  ... " + (s.errors().size() - LOGGED_ERRORS) + " more"
            : "";
    return "config "
        + s.source()
        + " at "
        + resolved
        + " cannot be used, still running "
        + running
        + ": "
        + s.errors().size()
        + " error(s)"
        + listed
        + more;
  }

  static String shortSha(String sha) {
    return sha.length() > 12 ? sha.substring(0, 12) : sha;
  }
}
