package dev.ciorchestrator.forge.local;

import dev.ciorchestrator.domain.ChangeState;
import java.util.List;
import java.util.Objects;

/**
 * A local change as the core sees it, plus what the command fold found that {@link ChangeState} has
 * no field for.
 *
 * @param hold the newest {@code /hold} or {@code /unhold} comment left the change held
 * @param lgtm logins with a current {@code /lgtm}, sorted
 * @param ignored why commands had no effect, for humans (logs, status details)
 */
public record ViewedChange(
    ChangeState state, boolean hold, List<String> lgtm, List<String> ignored) {
  public ViewedChange {
    Objects.requireNonNull(state, "state");
    lgtm = List.copyOf(lgtm);
    ignored = List.copyOf(ignored);
  }
}
