package dev.ciorchestrator.executor.local;

import dev.ciorchestrator.domain.RunState;
import dev.ciorchestrator.executor.process.JobSlots;
import dev.ciorchestrator.executor.process.RunningProcess;
import java.util.concurrent.CompletableFuture;

/**
 * A run this executor holds, from queueing (or adoption after a restart) until its record is final.
 * A stop (a cancel, or the service stopping) can arrive at any point of its life; what it must do
 * depends on how far the run got, so that is kept here.
 */
final class HeldRun {
  private final String id;
  private final CompletableFuture<JobSlots.Slot> ticket;
  private final CompletableFuture<Void> settled = new CompletableFuture<>();
  private String reason; // guarded by this
  private RunState stopState; // guarded by this
  private boolean inherited; // guarded by this
  private RunningProcess process; // guarded by this
  private boolean letGo; // guarded by this

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

  /**
   * Completes once the executor is done with the run: its slot and workspace are free and its end
   * is stored (or, while stopping, left to the next orchestrator).
   */
  CompletableFuture<Void> settled() {
    return settled;
  }

  void settle() {
    settled.complete(null);
  }

  /** Why the run was stopped, or null if it was not. */
  synchronized String reason() {
    return reason;
  }

  /** The state a stopped run ends in: {@code aborted} for a cancel, {@code error} for shutdown. */
  synchronized RunState stopState() {
    return stopState;
  }

  /**
   * Whether the stop was begun by an earlier orchestrator (its note was found on adoption): then
   * its reason stands however the job ended, as the job may have ended because of it.
   */
  synchronized boolean inherited() {
    return inherited;
  }

  /** The first stop wins; a process already started is stopped. */
  void stop(RunState state, String why) {
    stop(state, why, false);
  }

  /** A stop an earlier orchestrator began, to be finished: see {@link #inherited()}. */
  void inherit(RunState state, String why) {
    stop(state, why, true);
  }

  private void stop(RunState state, String why, boolean fromEarlier) {
    RunningProcess toStop;
    synchronized (this) {
      if (reason != null) {
        return;
      }
      reason = why;
      stopState = state;
      inherited = fromEarlier;
      toStop = process;
    }
    if (toStop != null) {
      toStop.cancel();
    }
  }

  /** A stop that came while the process was being started still stops it. */
  void attach(RunningProcess started) {
    boolean stopped;
    boolean released;
    synchronized (this) {
      process = started;
      stopped = reason != null;
      released = letGo;
    }
    if (released) {
      started.letGo();
    }
    if (stopped) {
      started.cancel();
    }
  }

  /**
   * The executor lets go of the run ({@link LocalExecutor#close}): its process, now or once
   * attached, is no longer swept here when its supervisor ends ({@link RunningProcess#letGo}).
   */
  void letGo() {
    RunningProcess toRelease;
    synchronized (this) {
      letGo = true;
      toRelease = process;
    }
    if (toRelease != null) {
      toRelease.letGo();
    }
  }

  /** Whether a process was attached: the run got as far as starting its job. */
  synchronized boolean launched() {
    return process != null;
  }
}
