package dev.ciorchestrator.reconcile;

import java.util.List;
import java.util.Optional;

/**
 * The planner's whole output for one reconcile: one {@link ChangePlan} per open change, ordered by
 * repository, then change number.
 */
public record Plan(List<ChangePlan> changes) {
  public Plan {
    changes = List.copyOf(changes);
  }

  /** Every action of every change, in plan order. */
  public List<Action> actions() {
    return changes.stream().flatMap(c -> c.actions().stream()).toList();
  }

  public Optional<ChangePlan> change(String repo, long number) {
    return changes.stream()
        .filter(c -> c.change().repo().equals(repo) && c.change().number() == number)
        .findFirst();
  }
}
