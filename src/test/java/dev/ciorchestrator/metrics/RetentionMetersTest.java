package dev.ciorchestrator.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class RetentionMetersTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final RetentionMeters meters = new RetentionMeters(registry);

  private double count(String kind) {
    return registry.get(RetentionMeters.DELETED).tags("kind", kind).counter().count();
  }

  @Test
  void bothKindsAreThereAtZeroAndCountWhatEachPassDeleted() {
    assertThat(count("runs")).isZero();
    assertThat(count("change_memory")).isZero();

    meters.deleted(3, 0);
    meters.deleted(2, 5);

    assertThat(count("runs")).isEqualTo(5);
    assertThat(count("change_memory")).isEqualTo(5);
    assertThat(registry.get(RetentionMeters.DELETED).counters()).hasSize(2);
  }
}
