package dev.ciorchestrator.runtime;

import dev.ciorchestrator.reconcile.LoopLiveness;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;

/**
 * Red in {@code /q/health/live} when the reconcile loop is stuck: its thread died, or it has had
 * work for longer than {@code ci.reconcile.liveness-timeout} without getting anything done (a
 * repository's pass, a policy evaluation, a gate decision). Such a service still answers every
 * request, so only this check gets it restarted. A loop waiting for work, and a follower's loop,
 * are alive.
 */
@Liveness
@ApplicationScoped
public class LoopLivenessCheck implements HealthCheck {
  private final Supplier<LoopLiveness> loop;
  private final Duration timeout;
  private final Clock clock;

  @Inject
  public LoopLivenessCheck(ReconcileService service, ReconcileSettings settings, Clock clock) {
    this(() -> service.loop().liveness(), settings.livenessTimeout(), clock);
  }

  LoopLivenessCheck(Supplier<LoopLiveness> loop, Duration timeout, Clock clock) {
    this.loop = loop;
    this.timeout = timeout;
    this.clock = clock;
  }

  @Override
  public HealthCheckResponse call() {
    LoopLiveness now = loop.get();
    Optional<String> stall = now.stall(clock.instant(), timeout);
    HealthCheckResponseBuilder response =
        HealthCheckResponse.named("reconcile-loop")
            .status(stall.isEmpty())
            .withData("running", now.running())
            .withData("busy", now.hasWork())
            .withData("lastProgress", now.lastProgress().toString());
    stall.ifPresent(why -> response.withData("reason", why));
    return response.build();
  }
}
