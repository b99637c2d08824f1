package dev.ciorchestrator.reconcile.queue;

import dev.ciorchestrator.domain.CommitStatus;
import dev.ciorchestrator.domain.Names;
import dev.ciorchestrator.reconcile.ReportExtra;
import java.util.List;
import java.util.Map;

/** A change's {@code ci/queue} status and summary section, from where it stands in the queue. */
final class QueueReport {
  private QueueReport() {}

  static ReportExtra of(String branch, QueueView view) {
    String text = text(view);
    CommitStatus status = new CommitStatus(Names.QUEUE_CONTEXT, state(view), text, "");
    String section = "**Merge queue** (`" + branch + "`): " + text;
    return new ReportExtra(List.of(status), List.of(section), Map.of());
  }

  private static CommitStatus.State state(QueueView view) {
    return switch (view.stage()) {
      case MERGING -> CommitStatus.State.SUCCESS;
      case REMOVED -> CommitStatus.State.FAILURE;
      default -> CommitStatus.State.PENDING;
    };
  }

  /** What people read: where the change is, then why it waits. */
  static String text(QueueView view) {
    return switch (view.stage()) {
      case NOT_QUEUED -> "not queued: " + view.detail();
      case REMOVED -> "removed from the queue: " + view.detail() + "; push a fix to queue again";
      default -> view.position() + " of " + view.length() + " in the queue; " + view.detail();
    };
  }
}
