package dev.ciorchestrator.run;

import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * What the loop saw last for each repository's branches and schedules, kept across restarts so a
 * push or a cron slot that fell due while the orchestrator was down is still started (see {@link
 * BranchPlanner}). Saved only after the actions of a plan ran: a crash in between replays the same
 * plan, and deterministic run ids make the replay harmless.
 */
public interface Watermarks {
  /** The branch tips saved last, or empty if the repository was never planned. */
  Optional<Map<String, String>> branches(String repo);

  /** When each scheduled job of the repository was last checked; empty for new jobs. */
  Map<String, Instant> schedules(String repo);

  /** Saves both for {@code repo}; saving what is already saved writes nothing. */
  void save(String repo, Map<String, String> branches, Map<String, Instant> schedules)
      throws IOException;
}
