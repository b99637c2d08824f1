package dev.ciorchestrator.metrics;

import dev.ciorchestrator.callback.CallbackMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;

/**
 * Callback deliveries by event and result, and the latency of successful attempts. Every series is
 * registered at 0 up front, so that a dashboard's rate() has data (and sees the first failure)
 * before anything went wrong. Tags are bounded: a URL is never one.
 */
@ApplicationScoped
public class CallbackMeters implements CallbackMetrics {
  static final String DELIVERIES = "ci_orchestrator.callback.deliveries";
  static final String LATENCY = "ci_orchestrator.callback.latency";
  static final List<String> EVENTS = List.of("run", "gate");
  static final List<String> RESULTS = List.of("delivered", "retried", "failed", "dropped");

  private final MeterRegistry registry;

  @Inject
  public CallbackMeters(MeterRegistry registry) {
    this.registry = registry;
    for (String event : EVENTS) {
      RESULTS.forEach(result -> counter(event, result));
      latency(event);
    }
  }

  @Override
  public void delivered(String event, Duration took) {
    counter(event, "delivered").increment();
    latency(event).record(took);
  }

  @Override
  public void retried(String event) {
    counter(event, "retried").increment();
  }

  @Override
  public void failed(String event) {
    counter(event, "failed").increment();
  }

  @Override
  public void dropped(String event) {
    counter(event, "dropped").increment();
  }

  private Counter counter(String event, String result) {
    return Counter.builder(DELIVERIES)
        .description(
            "Callback delivery outcomes: delivered, retried (an attempt failed and will be retried),"
                + " failed (given up) and dropped (queue full)")
        .tags("event", event, "result", result)
        .register(registry);
  }

  private Timer latency(String event) {
    return Buckets.PASSES
        .on(
            Timer.builder(LATENCY)
                .description("Time of a callback attempt the receiver accepted")
                .tag("event", event))
        .register(registry);
  }
}
