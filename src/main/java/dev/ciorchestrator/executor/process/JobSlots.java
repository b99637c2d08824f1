package dev.ciorchestrator.executor.process;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Limits how many runs of one job execute at once ({@code maxConcurrency}; 0 = unlimited). Starts
 * beyond the limit wait in FIFO order, are never dropped, and get a slot as soon as one is closed.
 */
public final class JobSlots {
  /** A held slot. Closing it twice frees it once, so a crash path may close it again safely. */
  public interface Slot extends AutoCloseable {
    @Override
    void close();
  }

  private static final class Lane {
    int max;
    int running;
    final Queue<CompletableFuture<Slot>> waiting = new ArrayDeque<>();
  }

  private final Map<String, Lane> lanes = new HashMap<>();

  /**
   * @param job the key to limit on; the caller qualifies it ({@code repo/job}) where names clash
   * @param maxConcurrency the job's current limit; a config change applies from this call on
   * @return completes with a slot when one is free; cancel it to leave the queue
   */
  public CompletableFuture<Slot> acquire(String job, int maxConcurrency) {
    if (maxConcurrency < 0) {
      throw new IllegalArgumentException("maxConcurrency must be >= 0, got " + maxConcurrency);
    }
    CompletableFuture<Slot> ticket = new CompletableFuture<>();
    synchronized (this) {
      Lane lane = lanes.computeIfAbsent(job, name -> new Lane());
      lane.max = maxConcurrency;
      lane.waiting.add(ticket);
    }
    grant(job);
    return ticket;
  }

  /**
   * A slot for a run that already runs (adopted after a restart), granted whatever the limit: its
   * job is running either way, and counting it keeps new runs of the job waiting behind it. Keeps
   * the lane's limit as the last {@link #acquire} set it.
   */
  public Slot occupy(String job) {
    synchronized (this) {
      lanes.computeIfAbsent(job, name -> new Lane()).running++;
    }
    return new HeldSlot(job);
  }

  public synchronized int running(String job) {
    Lane lane = lanes.get(job);
    return lane == null ? 0 : lane.running;
  }

  /** Slots held now, over every job; one entry per job with runs, so cheap enough for a gauge. */
  public synchronized int running() {
    int total = 0;
    for (Lane lane : lanes.values()) {
      total += lane.running;
    }
    return total;
  }

  public synchronized int waiting(String job) {
    Lane lane = lanes.get(job);
    return lane == null ? 0 : lane.waiting.size();
  }

  private void grant(String job) {
    while (true) {
      CompletableFuture<Slot> next;
      synchronized (this) {
        Lane lane = lanes.get(job);
        if (lane == null || lane.waiting.isEmpty() || (lane.max > 0 && lane.running >= lane.max)) {
          if (lane != null && lane.waiting.isEmpty() && lane.running == 0) {
            lanes.remove(job); // so a long-lived orchestrator does not keep every job it ever saw
          }
          return;
        }
        next = lane.waiting.remove();
        lane.running++;
      }
      // completed outside the lock: the caller's continuation may start a process right here
      if (!next.complete(new HeldSlot(job))) {
        // cancelled while queued: its place goes to the next in line
        synchronized (this) {
          lanes.get(job).running--;
        }
      }
    }
  }

  private void release(String job) {
    synchronized (this) {
      lanes.get(job).running--;
    }
    grant(job);
  }

  private final class HeldSlot implements Slot {
    private final String job;
    private final AtomicBoolean closed = new AtomicBoolean();

    HeldSlot(String job) {
      this.job = job;
    }

    @Override
    public void close() {
      if (closed.compareAndSet(false, true)) {
        release(job);
      }
    }
  }
}
