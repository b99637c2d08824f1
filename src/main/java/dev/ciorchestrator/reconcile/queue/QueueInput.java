package dev.ciorchestrator.reconcile.queue;

import dev.ciorchestrator.config.model.MergeMethod;
import dev.ciorchestrator.domain.RunRecord;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything one branch's queue is planned from.
 *
 * @param baseSha the branch's tip now: every batch is tested on exactly this commit
 * @param candidates the open changes into the branch; their order does not matter
 * @param runs the repository's batch runs into this branch (others are ignored)
 * @param needs each of the repository's jobs with the jobs it {@code needs}: a batch runs its
 *     required jobs' pipeline in order
 */
public record QueueInput(
    String repo,
    String branch,
    int maxBatch,
    MergeMethod method,
    String baseSha,
    List<Candidate> candidates,
    QueueState state,
    List<RunRecord> runs,
    Instant now,
    Map<String, List<String>> needs) {
  public QueueInput {
    Objects.requireNonNull(repo, "repo");
    Objects.requireNonNull(branch, "branch");
    if (maxBatch < 1) {
      throw new IllegalArgumentException("maxBatch must be at least 1, got " + maxBatch);
    }
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(baseSha, "baseSha");
    candidates = List.copyOf(candidates);
    Objects.requireNonNull(state, "state");
    runs =
        runs.stream()
            .filter(r -> r.key().repo().equals(repo) && r.key().batchBranch().equals(branch))
            .toList();
    Objects.requireNonNull(now, "now");
    needs = Map.copyOf(needs);
  }

  /** A queue whose jobs need no other jobs. */
  public QueueInput(
      String repo,
      String branch,
      int maxBatch,
      MergeMethod method,
      String baseSha,
      List<Candidate> candidates,
      QueueState state,
      List<RunRecord> runs,
      Instant now) {
    this(repo, branch, maxBatch, method, baseSha, candidates, state, runs, now, Map.of());
  }
}
