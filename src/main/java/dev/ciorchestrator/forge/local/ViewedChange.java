package dev.ciorchestrator.forge.local;

import dev.ciorchestrator.domain.Answer;
import dev.ciorchestrator.domain.ChangeState;
import dev.ciorchestrator.forge.command.HoldLabel;
import java.util.List;
import java.util.Objects;

/**
 * A local change as the core sees it, plus what the command fold found that {@link ChangeState} has
 * no field for.
 *
 * @param lgtm logins with a current {@code /lgtm}, sorted
 * @param answers what became of the commands on this head that the planner does not serve
 * @param notes why votes do not count (any more)
 * @param holdToApply the bookkeeping entry of a hold command not yet applied to the {@code hold}
 *     label ({@code hold:on:<comment>} or {@code hold:off:<comment>}), empty when there is none
 */
public record ViewedChange(
    ChangeState state,
    List<String> lgtm,
    List<Answer> answers,
    List<String> notes,
    String holdToApply) {
  public ViewedChange {
    Objects.requireNonNull(state, "state");
    lgtm = List.copyOf(lgtm);
    answers = List.copyOf(answers);
    notes = List.copyOf(notes);
    holdToApply = Objects.requireNonNullElse(holdToApply, "");
  }

  /** Whether {@link #holdToApply} sets the label (else it clears it). */
  public boolean holdOn() {
    return holdToApply.startsWith(LocalChangeView.HOLD)
        && HoldLabel.holds(holdToApply.substring(LocalChangeView.HOLD.length()));
  }
}
