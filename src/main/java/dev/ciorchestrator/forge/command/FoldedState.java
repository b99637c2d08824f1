package dev.ciorchestrator.forge.command;

import dev.ciorchestrator.domain.Answer;
import dev.ciorchestrator.domain.ChangeState.JobRequest;
import java.util.List;
import java.util.Objects;

/**
 * What a change's comments and reviews add up to. The adapter puts {@code approvals} into {@code
 * Change.approvals}, applies {@code holdCommandId} to the hold label once, and puts {@code
 * okToTest} and {@code requests} into {@code ChangeState}.
 *
 * @param okToTestForHead a trusted {@code /ok-to-test} was written after the head was pushed
 * @param hold the newest effective {@code /hold} or {@code /unhold} left the change held
 * @param holdCommandId the comment of that command, empty when there is none: an adapter sets or
 *     clears the {@code hold} label once per command, so a later change by hand stands
 * @param approvals logins with an approval that counts for the current head, sorted
 * @param lgtm logins with a current {@code /lgtm}, sorted
 * @param requests {@code /test} and {@code /retest} requests not yet acknowledged, in comment
 *     order; the planner answers them
 * @param answers what became of every other command written on this head, in comment order
 * @param notes why votes do not count (any more), for the summary
 */
public record FoldedState(
    boolean okToTest,
    boolean okToTestForHead,
    boolean hold,
    String holdCommandId,
    List<String> approvals,
    List<String> lgtm,
    List<JobRequest> requests,
    List<Answer> answers,
    List<String> notes) {
  public FoldedState {
    holdCommandId = Objects.requireNonNullElse(holdCommandId, "");
    approvals = List.copyOf(approvals);
    lgtm = List.copyOf(lgtm);
    requests = List.copyOf(requests);
    answers = List.copyOf(answers);
    notes = List.copyOf(notes);
  }
}
