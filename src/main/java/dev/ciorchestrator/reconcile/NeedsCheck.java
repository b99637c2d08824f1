package dev.ciorchestrator.reconcile;

import dev.ciorchestrator.domain.JobStatus;
import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.domain.RunState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where each job of one change stands in its pipeline ({@code needs}): free (needs nothing), ready
 * (every needed job succeeded on the head), waiting, or blocked because a needed job failed — then
 * it is {@code skipped}, which is not green for the gate. Pure; one instance per change plan.
 *
 * <p>A job re-runs when a job it needs has a newer attempt than its own latest run ({@code stale}):
 * that is how {@code /retest} of a failed upstream flows down the graph, with no state beyond the
 * run records themselves.
 */
final class NeedsCheck {
  /** The pipeline side of a job's decision. */
  enum Kind {
    FREE,
    READY,
    WAITING,
    BLOCKED
  }

  /**
   * @param reason for people: "waiting for c-test (attempt 1, running)"
   * @param stale ready, and a needed job ran again after this job's latest run
   * @param cause the newest run of a needed job: a start it causes inherits its trigger and author
   */
  record Verdict(Kind kind, String reason, boolean stale, RunRecord cause) {
    static final Verdict FREE = new Verdict(Kind.FREE, "", false, null);

    boolean holds() {
      return kind == Kind.WAITING || kind == Kind.BLOCKED;
    }

    JobStatus status() {
      return kind == Kind.BLOCKED ? JobStatus.SKIPPED : JobStatus.MISSING;
    }
  }

  private final Map<String, CompiledJob> jobs;
  private final Attempts attempts;
  private final Map<String, Verdict> verdicts = new HashMap<>();

  /**
   * @param jobs the repository's jobs by name, built once per plan and shared by its changes
   */
  NeedsCheck(Map<String, CompiledJob> jobs, Attempts attempts) {
    this.jobs = jobs;
    this.attempts = attempts;
  }

  /**
   * A job whose needed job is not due is not due either: nothing it needs will run on this change.
   * The graph is acyclic (the loader refuses cycles), so this recursion ends.
   */
  static List<DueCheck.Due> narrow(List<DueCheck.Due> dues) {
    Map<String, DueCheck.Due> byName = new HashMap<>();
    dues.forEach(d -> byName.put(d.job().name(), d));
    Map<String, DueCheck.Due> narrowed = new HashMap<>();
    List<DueCheck.Due> out = new ArrayList<>(dues.size());
    for (DueCheck.Due due : dues) {
      // most jobs need nothing: they stay as they are, with no lookups
      out.add(due.job().needs().isEmpty() ? due : narrow(due, byName, narrowed));
    }
    return out;
  }

  private static DueCheck.Due narrow(
      DueCheck.Due due, Map<String, DueCheck.Due> byName, Map<String, DueCheck.Due> done) {
    DueCheck.Due known = done.get(due.job().name());
    if (known != null) {
      return known;
    }
    DueCheck.Due result = due;
    for (String need : due.due() ? due.job().needs() : List.<String>of()) {
      DueCheck.Due upstream = byName.get(need);
      if (upstream == null) {
        result = new DueCheck.Due(due.job(), false, "needs " + need + ", which does not run here");
        break;
      }
      DueCheck.Due u = narrow(upstream, byName, done);
      if (!u.due()) {
        result =
            new DueCheck.Due(
                due.job(), false, "needs " + need + ", which is not due (" + u.reason() + ")");
        break;
      }
    }
    done.put(due.job().name(), result);
    return result;
  }

  Verdict verdict(String job) {
    Verdict known = verdicts.get(job);
    if (known != null) {
      return known;
    }
    CompiledJob compiled = jobs.get(job);
    if (compiled == null || compiled.needs().isEmpty()) {
      return Verdict.FREE; // nothing to remember
    }
    Verdict v = decide(compiled);
    verdicts.put(job, v);
    return v;
  }

  private Verdict decide(CompiledJob job) {
    List<String> waiting = new ArrayList<>();
    RunRecord newest = null;
    for (String need : job.needs()) {
      Optional<String> blocked = blockedBy(need);
      if (blocked.isPresent()) {
        return new Verdict(Kind.BLOCKED, "skipped: needs " + blocked.get(), false, null);
      }
      Optional<RunRecord> run = attempts.latest(need);
      Verdict upstream = verdict(need);
      if (run.isEmpty()) {
        waiting.add(need + " (not started)");
      } else if (upstream.holds() || upstream.stale()) {
        waiting.add(need + " (runs again first)");
      } else if (run.get().state() != RunState.SUCCESS) {
        waiting.add(need + " (attempt " + run.get().key().attempt() + ", " + state(need) + ")");
      } else if (newest == null || run.get().queuedAt().isAfter(newest.queuedAt())) {
        newest = run.get();
      }
    }
    if (!waiting.isEmpty()) {
      return new Verdict(Kind.WAITING, "waiting for " + String.join(", ", waiting), false, null);
    }
    Optional<RunRecord> own = attempts.latest(job.name());
    boolean stale = own.isPresent() && own.get().queuedAt().isBefore(newest.queuedAt());
    return new Verdict(Kind.READY, "", stale, newest);
  }

  /** Why {@code need} will not succeed on this head without a new request; empty if it may. */
  private Optional<String> blockedBy(String need) {
    Verdict upstream = verdict(need);
    if (upstream.kind() == Kind.BLOCKED) {
      return Optional.of(need + ", which was skipped");
    }
    if (upstream.stale()) {
      return Optional.empty(); // a job above it ran again, so it runs again too
    }
    Optional<RunRecord> run = attempts.latest(need);
    if (run.isEmpty() || !run.get().state().terminal() || run.get().state() == RunState.SUCCESS) {
      return Optional.empty();
    }
    CompiledJob job = jobs.get(need);
    if (job != null && attempts.willRetry(need, job.job().retries())) {
      return Optional.empty();
    }
    return Optional.of(
        need
            + ", which ended in "
            + run.get().state().wire()
            + " (attempt "
            + run.get().key().attempt()
            + ")");
  }

  private String state(String need) {
    RunRecord run = attempts.latest(need).orElseThrow();
    return run.state() == RunState.ERROR ? "error, retrying" : run.state().wire();
  }
}
