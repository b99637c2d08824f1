package dev.ciorchestrator.reconcile.queue;

import java.util.List;
import java.util.Objects;

/**
 * One open change into a queued branch, as its latest plan left it: may it be in the queue, and
 * which jobs a batch with it must pass.
 *
 * @param ready its gate passed at {@code headSha} and it is not on hold
 * @param notReady why it is not ready, for people; empty when ready
 * @param jobs the required jobs that are due for it, in config order: a batch runs the union of its
 *     changes' jobs
 */
public record Candidate(
    long change, String headSha, boolean ready, String notReady, List<String> jobs) {
  public Candidate {
    Objects.requireNonNull(headSha, "headSha");
    notReady = Objects.requireNonNullElse(notReady, "");
    jobs = List.copyOf(jobs);
  }
}
