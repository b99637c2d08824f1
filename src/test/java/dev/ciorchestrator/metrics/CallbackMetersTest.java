package dev.ciorchestrator.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CallbackMetersTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final CallbackMeters meters = new CallbackMeters(registry);

  private double count(String event, String result) {
    return registry
        .get(CallbackMeters.DELIVERIES)
        .tags("event", event, "result", result)
        .counter()
        .count();
  }

  @Test
  void everyOutcomeIsThereAtZeroBeforeAnything() {
    for (String event : CallbackMeters.EVENTS) {
      for (String result : CallbackMeters.RESULTS) {
        assertThat(count(event, result)).as(event + " " + result).isZero();
      }
    }
    assertThat(registry.get(CallbackMeters.LATENCY).timers()).hasSize(2);
  }

  @Test
  void countsOutcomesAndTimesDeliveries() {
    meters.retried("run");
    meters.delivered("run", Duration.ofMillis(40));
    meters.failed("gate");
    meters.dropped("gate");
    meters.dropped("gate");

    assertThat(count("run", "retried")).isEqualTo(1);
    assertThat(count("run", "delivered")).isEqualTo(1);
    assertThat(count("gate", "failed")).isEqualTo(1);
    assertThat(count("gate", "dropped")).isEqualTo(2);
    var latency = registry.get(CallbackMeters.LATENCY).tag("event", "run").timer();
    assertThat(latency.count()).isEqualTo(1);
    assertThat(latency.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(40.0);
  }

  @Test
  void noTagCarriesAUrl() {
    meters.delivered("run", Duration.ZERO);
    // le: the latency histogram's fixed bucket boundaries (Buckets.PASSES)
    registry
        .getMeters()
        .forEach(
            m ->
                assertThat(m.getId().getTags())
                    .allSatisfy(t -> assertThat(t.getKey()).isIn("event", "result", "le")));
  }
}
