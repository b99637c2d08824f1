package dev.ciorchestrator.forge;

import dev.ciorchestrator.domain.Answer;
import dev.ciorchestrator.domain.ChangeState;
import dev.ciorchestrator.domain.CommitStatus;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One open change as a forge adapter presents it: what the planner reads, plus what is already
 * reported on it, so the reporter writes only differences (each write costs an API call on a real
 * forge).
 *
 * @param answers what became of each command on the current head that the planner does not serve
 *     (everything but {@code /test} and {@code /retest}), for the summary comment
 * @param notes why approvals do not count (any more), for the summary comment
 * @param statuses the statuses on the head SHA, by context
 * @param summary the body of the current summary comment; empty when there is none
 */
public record ForgeChange(
    ChangeState state,
    List<Answer> answers,
    List<String> notes,
    List<String> labels,
    Map<String, CommitStatus> statuses,
    String summary) {
  public ForgeChange {
    Objects.requireNonNull(state, "state");
    answers = List.copyOf(answers);
    notes = List.copyOf(notes);
    labels = List.copyOf(labels);
    statuses = Map.copyOf(statuses);
    summary = Objects.requireNonNullElse(summary, "");
  }

  public long number() {
    return state.change().number();
  }
}
