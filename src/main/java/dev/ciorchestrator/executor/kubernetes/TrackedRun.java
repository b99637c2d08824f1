package dev.ciorchestrator.executor.kubernetes;

import dev.ciorchestrator.executor.process.JobSlots;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

/**
 * A run this executor follows, from queueing until its record is final. A cancel can come at any
 * point; what it has to do depends on how far the run got, so that is kept here, under this
 * object's lock.
 */
final class TrackedRun {
  enum Phase {
    /** Waiting for a slot, or for a thread to send the create. Nothing exists in the cluster. */
    QUEUED,
    /** A create is in flight or waits for its retry: a Job may exist or appear. */
    CREATING,
    /** The Job exists (created, found after a 409, or adopted after a restart). */
    CREATED
  }

  final String id;
  final String jobName;
  final CompletableFuture<JobSlots.Slot> ticket;
  Phase phase = Phase.QUEUED;
  String reason; // why it was cancelled, or null
  volatile boolean seen; // the informer has shown us its Job at least once
  boolean ended;
  boolean cachesCounted; // its pod's cache counts went to the metrics (once, however often seen)
  Future<?> logCopy;

  TrackedRun(String id, CompletableFuture<JobSlots.Slot> ticket) {
    this.id = id;
    this.jobName = JobNames.jobName(id);
    this.ticket = ticket;
  }

  /** Gives the slot back, or leaves the queue if it was never granted. Safe to repeat. */
  void releaseSlot() {
    if (!ticket.cancel(false)) {
      JobSlots.Slot slot = ticket.getNow(null);
      if (slot != null) {
        slot.close();
      }
    }
  }
}
