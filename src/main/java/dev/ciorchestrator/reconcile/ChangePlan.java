package dev.ciorchestrator.reconcile;

import dev.ciorchestrator.domain.Change;
import dev.ciorchestrator.domain.Decision;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the planner decided for one change, each part with its reason.
 *
 * @param trust may the change's jobs run ({@code /ok-to-test}, trusted author, trust policies)
 * @param jobs every job of the change's repository, in config order
 * @param actions what the executor must do, in this order: aborts, then starts, and each request's
 *     acknowledgement after the runs it starts, so a crash in between re-serves the request (and
 *     finds its run) instead of losing it; the loop writes the summary, which holds the request's
 *     answer, before the acknowledgements
 */
public record ChangePlan(
    Change change,
    Decision trust,
    List<JobDecision> jobs,
    List<Action> actions,
    GateDecision gate) {
  public ChangePlan {
    Objects.requireNonNull(change, "change");
    Objects.requireNonNull(trust, "trust");
    jobs = List.copyOf(jobs);
    actions = List.copyOf(actions);
    Objects.requireNonNull(gate, "gate");
  }

  public Optional<JobDecision> job(String name) {
    return jobs.stream().filter(j -> j.job().equals(name)).findFirst();
  }
}
