package dev.ciorchestrator.executor.local;

import dev.ciorchestrator.executor.process.JobSlots;
import dev.ciorchestrator.executor.process.RunningProcess;
import java.util.concurrent.CompletableFuture;

/**
 * A run this executor holds, from queueing until its record is final. A cancel can arrive at any
 * point of its life; what it must do depends on how far the run got, so that is kept here.
 */
final class HeldRun {
  private final String id;
  private final CompletableFuture<JobSlots.Slot> ticket;
  private String reason; // guarded by this
  private RunningProcess process; // guarded by this

  HeldRun(String id, CompletableFuture<JobSlots.Slot> ticket) {
    this.id = id;
    this.ticket = ticket;
  }

  String id() {
    return id;
  }

  /** Completes with the run's slot; cancelling it while queued leaves the queue. */
  CompletableFuture<JobSlots.Slot> ticket() {
    return ticket;
  }

  /** Why the run was cancelled, or null if it was not. */
  synchronized String reason() {
    return reason;
  }

  /** The first reason wins; a process already started is killed. */
  void cancel(String why) {
    RunningProcess toKill;
    synchronized (this) {
      if (reason != null) {
        return;
      }
      reason = why;
      toKill = process;
    }
    if (toKill != null) {
      toKill.cancel();
    }
  }

  /** A cancel that came while the process was being started still kills it. */
  void attach(RunningProcess started) {
    boolean cancelled;
    synchronized (this) {
      process = started;
      cancelled = reason != null;
    }
    if (cancelled) {
      started.cancel();
    }
  }
}
