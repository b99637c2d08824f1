package dev.ciorchestrator.reconcile.queue;

import dev.ciorchestrator.config.model.MergeMethod;
import dev.ciorchestrator.domain.BatchKey;
import dev.ciorchestrator.reconcile.Action;
import java.util.Objects;

/**
 * One thing the queue's executor must do, with its reason. Runs are started and aborted with the
 * planner's own {@link Action}s, so they are created and cancelled exactly like change runs.
 */
public sealed interface QueueAction {
  String reason();

  /**
   * Write the batch's commit (its changes merged one after another onto its base) on the ref the
   * controller owns for batch {@code number}, and record it, or the conflict, in the state.
   */
  record Build(BatchKey batch, long number, String reason) implements QueueAction {
    public Build {
      Objects.requireNonNull(batch, "batch");
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** Start or abort a batch run. */
  record Run(Action action) implements QueueAction {
    public Run {
      if (!(action instanceof Action.StartRun) && !(action instanceof Action.AbortRun)) {
        throw new IllegalArgumentException("a queue runs only starts and aborts runs: " + action);
      }
    }

    @Override
    public String reason() {
      return action.reason();
    }
  }

  /**
   * Land the green batch: every change with its head-SHA guard, in order, each onto the tip the one
   * before left ({@code merge}, {@code squash}, {@code rebase}); or move the branch from the base
   * to {@code commitSha} ({@code fast-forward}). Nothing lands if the base moved.
   */
  record Merge(BatchKey batch, long number, String commitSha, MergeMethod method, String reason)
      implements QueueAction {
    public Merge {
      Objects.requireNonNull(batch, "batch");
      Objects.requireNonNull(commitSha, "commitSha");
      Objects.requireNonNull(method, "method");
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** The change left the queue for good at this head: tell its author why. */
  record Reject(long change, String headSha, String reason) implements QueueAction {
    public Reject {
      Objects.requireNonNull(headSha, "headSha");
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** Remove the ref of batch {@code number}: the batch merged, failed or went stale. */
  record DropRef(long number, String reason) implements QueueAction {
    public DropRef {
      Objects.requireNonNull(reason, "reason");
    }
  }
}
