package dev.ciorchestrator.reconcile;

import dev.ciorchestrator.domain.Change;
import dev.ciorchestrator.domain.Decision;
import java.util.List;

/**
 * Decisions a change's gate must pass besides {@code required-jobs} and the gate policies, known
 * before planning (the review of a config change, say): the planner stays pure and only adds them.
 */
@FunctionalInterface
public interface ExtraGates {
  ExtraGates NONE = change -> List.of();

  List<Decision> of(Change change);
}
