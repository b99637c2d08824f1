package dev.ciorchestrator.runtime;

import dev.ciorchestrator.reconcile.ReconcileLoop;
import java.util.function.Supplier;

/**
 * Runs a reconcile loop only while this instance leads. Every request for a pass (timer, forge
 * event, run event) goes through here and is dropped by a follower: a follower starts nothing.
 *
 * <p>Each term of leadership gets a fresh loop from the factory, so its first pass over each
 * repository recovers the unfinished runs (the previous leader's included) and plans every change
 * afresh, which is how an event that reached a follower is picked up. When leadership ends the loop
 * is closed at once: no further pass starts. A pass already running finishes; everything it does is
 * idempotent (runs are created if absent under deterministic ids), so it cannot duplicate what the
 * new leader does.
 */
public final class LeaderLoop implements Leadership.Listener, AutoCloseable {
  private final Supplier<ReconcileLoop> factory;
  private ReconcileLoop current; // guarded by this
  private boolean used; // guarded by this: current has been started once
  private boolean leading; // guarded by this

  /**
   * @param factory builds a loop that is not started yet
   */
  public LeaderLoop(Supplier<ReconcileLoop> factory) {
    this.factory = factory;
    this.current = factory.get();
  }

  @Override
  public synchronized void startedLeading() {
    if (leading) {
      return;
    }
    if (used) {
      current = factory.get();
    }
    used = true;
    leading = true;
    current.start();
    current.requestAll();
  }

  @Override
  public synchronized void stoppedLeading() {
    if (!leading) {
      return;
    }
    leading = false;
    current.close();
  }

  public synchronized boolean leading() {
    return leading;
  }

  /** Asks for a pass over every repository; a follower ignores it. */
  public synchronized void requestAll() {
    if (leading) {
      current.requestAll();
    }
  }

  /** Asks for a pass over {@code repo}; a follower ignores it. */
  public synchronized void request(String repo) {
    if (leading) {
      current.request(repo);
    }
  }

  /** The loop of the current (or, for a follower, the last) term, for its status. */
  public synchronized ReconcileLoop loop() {
    return current;
  }

  @Override
  public void close() {
    stoppedLeading();
  }
}
