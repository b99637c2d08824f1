package dev.ciorchestrator.reconcile.queue;

/** What happened in a plan that the metrics count. */
public sealed interface QueueEvent {
  /** A batch of {@code size} changes is built for testing. */
  record BatchFormed(int size) implements QueueEvent {}

  /** A failed batch of {@code size} changes was split in two (Bors-style bisection). */
  record Bisected(int size) implements QueueEvent {}
}
