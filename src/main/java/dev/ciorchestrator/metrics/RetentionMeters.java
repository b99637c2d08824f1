package dev.ciorchestrator.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * {@code ci_orchestrator_retention_deleted_total}: what retention deleted, by {@code kind}: {@code
 * runs} (finished runs with their logs) and {@code change_memory} (the controller's memory of a
 * closed change). Both series exist from the start, so a dashboard sees 0 before the first pass.
 */
@ApplicationScoped
public class RetentionMeters {
  static final String DELETED = "ci_orchestrator.retention.deleted";

  private final Counter runs;
  private final Counter memory;

  public RetentionMeters(MeterRegistry registry) {
    runs = counter(registry, "runs");
    memory = counter(registry, "change_memory");
  }

  /** One retention pass deleted {@code runs} runs and forgot {@code changes} closed changes. */
  public void deleted(int runs, int changes) {
    this.runs.increment(runs);
    this.memory.increment(changes);
  }

  private static Counter counter(MeterRegistry registry, String kind) {
    return Counter.builder(DELETED)
        .description("Finished runs deleted and closed changes forgotten by retention")
        .tag("kind", kind)
        .register(registry);
  }
}
