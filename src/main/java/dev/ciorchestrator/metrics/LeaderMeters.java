package dev.ciorchestrator.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/**
 * {@code ci_orchestrator_leader}: 1 while this instance reconciles and starts runs, 0 while it
 * follows. Without leader election the one instance always reconciles, so it reads 1; summed over
 * replicas it should read exactly 1.
 */
@ApplicationScoped
public class LeaderMeters {
  static final String LEADER = "ci_orchestrator.leader";

  private final AtomicReference<BooleanSupplier> leading = new AtomicReference<>(() -> false);

  @Inject
  public LeaderMeters(MeterRegistry registry) {
    Gauge.builder(LEADER, leading, l -> l.get().getAsBoolean() ? 1 : 0)
        .description("1 while this instance leads (reconciles and starts runs), 0 while it follows")
        .register(registry);
  }

  /** Where the gauge reads leadership from. */
  public void watch(BooleanSupplier leader) {
    leading.set(leader);
  }
}
