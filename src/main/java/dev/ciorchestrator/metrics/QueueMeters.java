package dev.ciorchestrator.metrics;

import dev.ciorchestrator.reconcile.queue.QueueMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The merge queue's meters, tagged by repository and target branch only: queue length, time a
 * merged change waited in the queue, batch sizes and bisections.
 */
@ApplicationScoped
public class QueueMeters implements QueueMetrics {
  static final String LENGTH = "ci_orchestrator.queue.length";
  static final String TIME = "ci_orchestrator.queue.time";
  static final String BATCH_SIZE = "ci_orchestrator.queue.batch.size";
  static final String BISECTIONS = "ci_orchestrator.queue.bisections";

  private final MeterRegistry registry;
  private final Map<Tags, AtomicInteger> lengths = new ConcurrentHashMap<>();

  @Inject
  public QueueMeters(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void length(String repo, String branch, int changes) {
    lengths
        .computeIfAbsent(
            tags(repo, branch),
            t -> {
              AtomicInteger value = new AtomicInteger();
              Gauge.builder(LENGTH, value, AtomicInteger::get)
                  .description("Changes waiting in a branch's merge queue")
                  .tags(t)
                  .register(registry);
              return value;
            })
        .set(changes);
  }

  @Override
  public void merged(String repo, String branch, Duration waited) {
    Buckets.CHANGES
        .on(
            Timer.builder(TIME)
                .description("Time a change waited in the merge queue until it merged")
                .tags(tags(repo, branch)))
        .register(registry)
        .record(waited.isNegative() ? Duration.ZERO : waited);
  }

  @Override
  public void batch(String repo, String branch, int size) {
    DistributionSummary.builder(BATCH_SIZE)
        .description("Changes per batch the merge queue built for testing")
        .tags(tags(repo, branch))
        .serviceLevelObjectives(1, 2, 4, 8, 16, 32, 64)
        .register(registry)
        .record(size);
  }

  @Override
  public void bisected(String repo, String branch) {
    Counter.builder(BISECTIONS)
        .description("Failed merge-queue batches split in two to find the culprit")
        .tags(tags(repo, branch))
        .register(registry)
        .increment();
  }

  private static Tags tags(String repo, String branch) {
    return Tags.of("repo", repo, "branch", branch);
  }
}
