package dev.ciorchestrator.metrics;

import dev.ciorchestrator.forge.ForgeApiMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Forge API traffic and webhook deliveries, by forge kind; see {@link ForgeApiMetrics}. */
@ApplicationScoped
public class ForgeMeters implements ForgeApiMetrics {
  static final String REQUESTS = "ci_orchestrator.forge.requests";
  static final String RATE_LIMITED = "ci_orchestrator.forge.rate.limited";
  static final String WEBHOOKS = "ci_orchestrator.webhook.deliveries";

  private final MeterRegistry registry;

  @Inject
  public ForgeMeters(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void request(String forge, int status, boolean cached) {
    Counter.builder(REQUESTS)
        .description("Forge API requests answered, by HTTP status (0: no answer) and cache use")
        .tags(
            "forge", forge, "status", Integer.toString(status), "cached", Boolean.toString(cached))
        .register(registry)
        .increment();
  }

  @Override
  public void rateLimited(String forge) {
    Counter.builder(RATE_LIMITED)
        .description("Forge API requests that waited for a rate limit to reset")
        .tag("forge", forge)
        .register(registry)
        .increment();
  }

  @Override
  public void webhook(String forge, String event, String result) {
    Counter.builder(WEBHOOKS)
        .description("Webhook deliveries handled, by event and result")
        .tags("forge", forge, "event", event, "result", result)
        .register(registry)
        .increment();
  }
}
