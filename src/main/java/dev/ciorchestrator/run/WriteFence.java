package dev.ciorchestrator.run;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Whether this replica may write run state now. With several replicas on one store only the leader
 * writes (DESIGN.md "State"): the election opens the fence when this replica starts leading and
 * closes it when it stops, and the shared store refuses a create or an update while it is closed. A
 * replica that never takes part in an election keeps it open.
 */
public final class WriteFence {
  /** A write refused because this replica does not lead; retried writers wait for leadership. */
  public static final class NotLeading extends IOException {
    private static final long serialVersionUID = 1L;

    NotLeading(String what) {
      super(what + " refused: this replica does not lead, and only the leader writes run state");
    }
  }

  /** Told when this replica starts and stops leading, on the thread that opens or closes. */
  public interface Watcher {
    void leading();

    void following();
  }

  private final List<Watcher> watchers = new CopyOnWriteArrayList<>();
  private volatile boolean open;

  private WriteFence(boolean open) {
    this.open = open;
  }

  /** For a replica without an election: it always leads. */
  public static WriteFence open() {
    return new WriteFence(true);
  }

  /** For a replica that takes part in an election: closed until it leads. */
  public static WriteFence closed() {
    return new WriteFence(false);
  }

  public boolean isOpen() {
    return open;
  }

  /** This replica leads from now on. */
  public synchronized void lead() {
    if (!open) {
      open = true;
      watchers.forEach(Watcher::leading);
    }
  }

  /** This replica stopped leading: its writes are refused from now on. */
  public synchronized void follow() {
    if (open) {
      open = false;
      watchers.forEach(Watcher::following);
    }
  }

  /** Tells {@code watcher} nothing more. */
  public void unwatch(Watcher watcher) {
    watchers.remove(watcher);
  }

  /** Tells {@code watcher} of every change from now on, and at once if this replica leads now. */
  public synchronized void watch(Watcher watcher) {
    watchers.add(watcher);
    if (open) {
      watcher.leading();
    }
  }

  /**
   * @throws NotLeading if the fence is closed
   */
  public void check(String what) throws NotLeading {
    if (!open) {
      throw new NotLeading(what);
    }
  }
}
