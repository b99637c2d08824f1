package dev.ciorchestrator.web.ui;

import dev.ciorchestrator.domain.RunKey;
import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.domain.RunState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One job's record across every repository, change and branch, from the run store: how often it
 * passes, how long it takes, and which failures were flaky. A pure function of the runs.
 *
 * <p>The success rate counts runs that ended {@code success} or {@code failure}: an {@code error}
 * is the infrastructure's, and an {@code aborted} run was stopped, not judged. A failure is
 * <em>flaky</em> when a later attempt of the same job on the same change (or ref) and the same head
 * SHA succeeded: the code did not change, the outcome did.
 *
 * @param runs every run of the job, newest first
 * @param passed runs that ended {@code success}
 * @param failed runs that ended {@code failure}
 * @param errors runs that ended {@code error}
 * @param aborted runs that ended {@code aborted}
 * @param durations how long each passed or failed run took, shortest first
 * @param flaky ids of the failed runs a later attempt on the same head passed
 */
public record JobHistory(
    String job,
    List<RunRecord> runs,
    int passed,
    int failed,
    int errors,
    int aborted,
    List<Duration> durations,
    Set<String> flaky) {
  static final Comparator<RunRecord> NEWEST_FIRST =
      Comparator.comparing(RunRecord::queuedAt).thenComparing(RunRecord::id).reversed();

  public JobHistory {
    runs = List.copyOf(runs);
    durations = durations.stream().sorted().toList();
    flaky = Set.copyOf(flaky);
  }

  /** The history of {@code job} among {@code all} runs (any jobs). */
  public static JobHistory of(String job, List<RunRecord> all) {
    List<RunRecord> runs =
        all.stream().filter(r -> r.key().job().equals(job)).sorted(NEWEST_FIRST).toList();
    int[] counts = new int[RunState.values().length];
    List<Duration> durations = new ArrayList<>();
    for (RunRecord r : runs) {
      counts[r.state().ordinal()]++;
      if (r.state() == RunState.SUCCESS || r.state() == RunState.FAILURE) {
        duration(r).ifPresent(durations::add);
      }
    }
    return new JobHistory(
        job,
        runs,
        counts[RunState.SUCCESS.ordinal()],
        counts[RunState.FAILURE.ordinal()],
        counts[RunState.ERROR.ordinal()],
        counts[RunState.ABORTED.ordinal()],
        durations,
        flaky(runs));
  }

  /** The median duration of passed and failed runs; empty without any. */
  public Optional<Duration> p50() {
    return percentile(durations, 50);
  }

  /** The 95th percentile (nearest rank) of the same. */
  public Optional<Duration> p95() {
    return percentile(durations, 95);
  }

  /** Passed out of passed and failed, 0 to 1; empty before any run was judged. */
  public Optional<Double> successRate() {
    int judged = passed + failed;
    return judged == 0 ? Optional.empty() : Optional.of((double) passed / judged);
  }

  /** From start to end; empty for a run that never started or has not ended. */
  static Optional<Duration> duration(RunRecord r) {
    if (r.startedAt() == null || r.finishedAt() == null) {
      return Optional.empty();
    }
    return Optional.of(Duration.between(r.startedAt(), r.finishedAt()));
  }

  /** Nearest rank: the smallest value with at least {@code p} percent at or below it. */
  static Optional<Duration> percentile(List<Duration> sorted, int p) {
    if (sorted.isEmpty()) {
      return Optional.empty();
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.size());
    return Optional.of(sorted.get(Math.max(0, rank - 1)));
  }

  private static Set<String> flaky(List<RunRecord> runs) {
    Map<RunKey, Integer> bestPass = new HashMap<>();
    for (RunRecord r : runs) {
      if (r.state() == RunState.SUCCESS) {
        bestPass.merge(r.key().withAttempt(1), r.key().attempt(), Math::max);
      }
    }
    Set<String> flaky = new HashSet<>();
    for (RunRecord r : runs) {
      Integer passedAt = bestPass.get(r.key().withAttempt(1));
      if (r.state() == RunState.FAILURE && passedAt != null && passedAt > r.key().attempt()) {
        flaky.add(r.id());
      }
    }
    return flaky;
  }
}
