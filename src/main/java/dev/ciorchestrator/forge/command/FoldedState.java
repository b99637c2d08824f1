package dev.ciorchestrator.forge.command;

import dev.ciorchestrator.domain.ChangeState.JobRequest;
import java.util.List;

/**
 * What a change's comments and reviews add up to. The adapter puts {@code approvals} into {@code
 * Change.approvals}, {@code hold} into the hold label, and {@code okToTest} and {@code requests}
 * into {@code ChangeState}.
 *
 * @param approvals logins with an approval that counts for the current head, sorted
 * @param lgtm logins with a current {@code /lgtm}, sorted
 * @param requests {@code /test} and {@code /retest} requests not yet acknowledged, in comment order
 * @param ignored why commands had no effect, for humans (logs, status details)
 */
public record FoldedState(
    boolean okToTest,
    boolean hold,
    List<String> approvals,
    List<String> lgtm,
    List<JobRequest> requests,
    List<String> ignored) {
  public FoldedState {
    approvals = List.copyOf(approvals);
    lgtm = List.copyOf(lgtm);
    requests = List.copyOf(requests);
    ignored = List.copyOf(ignored);
  }
}
