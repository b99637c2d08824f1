package dev.ciorchestrator.run;

import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.domain.RunState;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A page of runs for the API and the UI: every run matching all given filters, newest first (queued
 * time, then id, descending), strictly after the cursor {@code before}, at most {@code limit}.
 * Keyset pagination: the next page starts after the last run of this one, so pages stay right while
 * runs are added.
 *
 * @param repo {@code owner/name}, or empty for every repository
 * @param job a job name, or empty for every job
 * @param batch a merge-queue batch id ({@code BatchKey.id()}): the runs of that batch; or empty
 */
public record RunQuery(
    String repo,
    OptionalLong change,
    String job,
    Optional<RunState> state,
    String batch,
    Optional<Cursor> before,
    int limit) {
  /** Without a batch filter. */
  public RunQuery(
      String repo,
      OptionalLong change,
      String job,
      Optional<RunState> state,
      Optional<Cursor> before,
      int limit) {
    this(repo, change, job, state, "", before, limit);
  }

  /** Newest first; the order of every page. */
  public static final Comparator<RunRecord> NEWEST_FIRST =
      Comparator.comparing((RunRecord r) -> Cursor.of(r).queuedAt())
          .thenComparing(RunRecord::id)
          .reversed();

  /**
   * Where a page ends: the last run's queued time (to the microsecond, as every store keeps it) and
   * id.
   */
  public record Cursor(Instant queuedAt, String id) {
    public Cursor {
      queuedAt = queuedAt.truncatedTo(ChronoUnit.MICROS);
    }

    public static Cursor of(RunRecord r) {
      return new Cursor(r.queuedAt(), r.id());
    }

    boolean after(RunRecord r) {
      Cursor c = of(r);
      int byTime = c.queuedAt.compareTo(queuedAt);
      return byTime < 0 || (byTime == 0 && c.id.compareTo(id) < 0);
    }
  }

  public boolean matches(RunRecord r) {
    return (repo.isEmpty() || r.key().repo().equals(repo))
        && (change.isEmpty() || r.key().change() == change.getAsLong())
        && (job.isEmpty() || r.key().job().equals(job))
        && state.map(s -> r.state() == s).orElse(true)
        && (batch.isEmpty() || r.key().batchId().equals(batch))
        && before.map(c -> c.after(r)).orElse(true);
  }
}
