package dev.ciorchestrator.runtime;

/** How this replica takes part in choosing the one that reconciles. */
public interface Election extends AutoCloseable {
  /** Starts campaigning; returns at once. */
  void start();

  boolean leader();

  /** This instance's name in the election. */
  String identity();

  /** Who leads as this instance saw last; empty when unknown. */
  String holder();

  /** What is held: a Lease's namespace/name, or a database lock. */
  String lease();

  /** Stops campaigning and leading (the listener is told first) and hands over at once. */
  @Override
  void close();
}
