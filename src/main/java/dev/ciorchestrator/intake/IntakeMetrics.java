package dev.ciorchestrator.intake;

/**
 * What the intake tells about refused requests, for metrics: a port, so the intake needs no metrics
 * library. The service implements it with Micrometer; calls must not block.
 */
public interface IntakeMetrics {
  /** Does nothing; for tests. */
  IntakeMetrics NONE = new IntakeMetrics() {};

  /**
   * One request was answered by the intake itself; {@code reason} is a {@link Refusal#reason()}.
   */
  default void refused(String reason) {}
}
