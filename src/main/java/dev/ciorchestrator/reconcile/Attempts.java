package dev.ciorchestrator.reconcile;

import dev.ciorchestrator.domain.Change;
import dev.ciorchestrator.domain.JobStatus;
import dev.ciorchestrator.domain.RunKey;
import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.domain.RunState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One change's runs as the planner needs them: the latest attempt of each job on the head SHA, the
 * still active runs on older heads, and the runs this plan has already decided to start (so two
 * requests in one plan never start the same job twice).
 */
final class Attempts {
  private static final Set<RunState> RETESTABLE =
      Set.of(RunState.FAILURE, RunState.ERROR, RunState.ABORTED);

  private final Change change;
  private final Map<String, RunRecord> latest = new HashMap<>();
  private final List<RunRecord> stale;
  private final Map<String, RunKey> starting = new HashMap<>();
  private final Map<String, List<RunKey>> servedRequests = new HashMap<>();
  private final Map<String, Integer> errors = new HashMap<>();

  Attempts(Change change, List<RunRecord> runs) {
    this.change = change;
    for (RunRecord r : runs) {
      if (!r.requestId().isEmpty()) {
        servedRequests.computeIfAbsent(r.requestId(), k -> new ArrayList<>()).add(r.key());
      }
      if (r.key().sha().equals(change.headSha())) {
        if (r.state() == RunState.ERROR) {
          errors.merge(r.key().job(), 1, Integer::sum);
        }
        latest.merge(r.key().job(), r, (a, b) -> a.key().attempt() >= b.key().attempt() ? a : b);
      }
    }
    stale =
        runs.stream()
            .filter(r -> !r.key().sha().equals(change.headSha()) && !r.state().terminal())
            .sorted(Comparator.comparing(RunRecord::id))
            .toList();
  }

  /** The highest attempt on the head SHA that exists, not counting what this plan starts. */
  Optional<RunRecord> latest(String job) {
    return Optional.ofNullable(latest.get(job));
  }

  /** Pending or running runs on an older head: superseded by the head that moved. */
  List<RunRecord> stale() {
    return stale;
  }

  /**
   * What the CEL {@code jobs} map and the job decisions show: the world as it is, before acting.
   */
  JobStatus status(String job, boolean due) {
    RunRecord run = latest.get(job);
    if (run != null) {
      return JobStatus.of(run.state());
    }
    return due ? JobStatus.MISSING : JobStatus.SKIPPED;
  }

  /**
   * The attempt that keeps this job busy ("attempt 2, running"): starting now, pending or running.
   */
  Optional<String> busy(String job) {
    RunKey planned = starting.get(job);
    if (planned != null) {
      return Optional.of("attempt " + planned.attempt() + ", starting");
    }
    RunRecord run = latest.get(job);
    if (run != null && !run.state().terminal()) {
      return Optional.of("attempt " + run.key().attempt() + ", " + run.state().wire());
    }
    return Optional.empty();
  }

  /** The latest existing attempt failed; a retry this plan already starts keeps it busy instead. */
  boolean retestable(String job) {
    RunRecord run = latest.get(job);
    return run != null && RETESTABLE.contains(run.state());
  }

  /** The runs an earlier plan already started for this request, by job; empty if none. */
  List<RunKey> servedBy(String requestId) {
    return servedRequests.getOrDefault(requestId, List.of()).stream()
        .sorted(Comparator.comparing(RunKey::job).thenComparingInt(RunKey::attempt))
        .toList();
  }

  /**
   * {@code retries} covers infrastructure errors only (DESIGN.md): the latest attempt ended in
   * {@code error} and fewer than {@code retries} attempts on this head have errored before it. A
   * failure or a user's abort is never retried automatically.
   */
  boolean willRetry(String job, int retries) {
    RunRecord run = latest.get(job);
    return run != null && run.state() == RunState.ERROR && errors(job) <= retries;
  }

  /** How many attempts of {@code job} on the head SHA ended in {@code error}. */
  int errors(String job) {
    return errors.getOrDefault(job, 0);
  }

  /** Decides the next attempt of {@code job} on the head SHA; the caller must check busy first. */
  RunKey start(String job) {
    RunRecord run = latest.get(job);
    int attempt = run == null ? 1 : run.key().attempt() + 1;
    RunKey key = RunKey.forChange(change.repo(), change.number(), change.headSha(), job, attempt);
    starting.put(job, key);
    return key;
  }
}
