package dev.ciorchestrator.reconcile.queue;

import dev.ciorchestrator.domain.BatchKey;
import dev.ciorchestrator.reconcile.queue.QueueState.Built;
import dev.ciorchestrator.reconcile.queue.QueueState.Entry;
import dev.ciorchestrator.reconcile.queue.QueueState.Rejection;
import dev.ciorchestrator.reconcile.queue.QueueView.Stage;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Where each candidate stands, from the planned queue and its front batch. */
final class QueueViews {
  /** The batch under test, or none when the queue is empty. */
  record Front(Stage stage, BatchKey batch, long number, String detail) {
    static final Front NONE = new Front(Stage.NOT_QUEUED, null, 0, "");

    static Front building(BatchKey batch, long number) {
      return new Front(Stage.BUILDING, batch, number, "building its commit");
    }

    static Front testing(BatchKey batch, Built b, String detail) {
      return new Front(Stage.TESTING, batch, b.number(), detail);
    }

    static Front merging(BatchKey batch, Built b) {
      return new Front(Stage.MERGING, batch, b.number(), "passed: merging");
    }

    String batchId() {
      return batch == null ? "" : batch.id();
    }

    List<Long> changes() {
      return batch == null ? List.of() : batch.changes();
    }

    String describe() {
      return batch == null ? "" : BatchVerdict.describe(batch, number);
    }
  }

  private QueueViews() {}

  static Map<Long, QueueView> of(
      List<Candidate> candidates, List<Entry> entries, Map<Long, Rejection> rejected, Front front) {
    Map<Long, Integer> positions = new HashMap<>();
    for (int i = 0; i < entries.size(); i++) {
      positions.put(entries.get(i).change(), i + 1);
    }
    int length = entries.size();
    Map<Long, QueueView> views = new HashMap<>();
    for (Candidate c : candidates) {
      Integer position = positions.get(c.change());
      QueueView view;
      if (rejected.containsKey(c.change())) {
        view =
            new QueueView(
                Stage.REMOVED, 0, length, 0, List.of(), rejected.get(c.change()).reason());
      } else if (position == null) {
        view = new QueueView(Stage.NOT_QUEUED, 0, length, 0, List.of(), c.notReady());
      } else if (front.changes().contains(c.change())) {
        String detail = front.describe() + ": " + front.detail();
        view =
            new QueueView(front.stage(), position, length, front.number(), front.changes(), detail);
      } else {
        String detail = "behind " + front.describe();
        view =
            new QueueView(Stage.WAITING, position, length, front.number(), front.changes(), detail);
      }
      views.put(c.change(), view);
    }
    return views;
  }
}
