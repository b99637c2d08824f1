package dev.ciorchestrator.reconcile.queue;

import java.util.List;
import java.util.Objects;

/**
 * Where one change stands in its branch's queue, for its {@code ci/queue} status and summary.
 *
 * @param position 1-based place in the queue; 0 when not in it
 * @param length how many changes the queue holds
 * @param batch the number of the batch the change is in or waits for; 0 when none
 * @param batchChanges that batch's changes, in order
 * @param detail why it waits, or why it is not in the queue
 */
public record QueueView(
    Stage stage, int position, int length, long batch, List<Long> batchChanges, String detail) {
  /** What the change is waiting for. */
  public enum Stage {
    /** Its gate does not pass (or it is on hold): it is not in the queue. */
    NOT_QUEUED,
    /** In the queue, behind the batch under test. */
    WAITING,
    /** In the batch whose commit is being written. */
    BUILDING,
    /** In the batch under test. */
    TESTING,
    /** In a batch that passed and is merging. */
    MERGING,
    /** A batch proved it bad at this head: out of the queue until a new push. */
    REMOVED
  }

  public QueueView {
    Objects.requireNonNull(stage, "stage");
    batchChanges = List.copyOf(batchChanges);
    Objects.requireNonNull(detail, "detail");
  }
}
