package dev.ciorchestrator.reconcile.queue;

import java.util.List;
import java.util.Map;

/**
 * The queue planner's whole output for one branch.
 *
 * @param actions in order; the executor stops at the first that fails
 * @param state to save once the actions ran
 * @param views for every candidate change
 * @param events for the metrics
 */
public record QueuePlan(
    List<QueueAction> actions,
    QueueState state,
    Map<Long, QueueView> views,
    List<QueueEvent> events) {
  public QueuePlan {
    actions = List.copyOf(actions);
    views = Map.copyOf(views);
    events = List.copyOf(events);
  }

  /** Whether the plan needs a batch commit written before it can go on. */
  public boolean building() {
    return actions.stream().anyMatch(QueueAction.Build.class::isInstance);
  }
}
