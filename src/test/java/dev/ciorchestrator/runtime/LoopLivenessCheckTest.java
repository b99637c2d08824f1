package dev.ciorchestrator.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.reconcile.LoopLiveness;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponse.Status;
import org.junit.jupiter.api.Test;

/** The liveness check is red exactly when the loop is stuck past the timeout or has no thread. */
class LoopLivenessCheckTest {
  private static final Instant PROGRESS = Instant.parse("2026-03-01T12:00:00Z");
  private static final Duration TIMEOUT = Duration.ofMinutes(5);

  @Test
  void aBusyLoopIsAliveUntilTheTimeoutAndStalledAfterIt() {
    LoopLiveness busy = new LoopLiveness(true, true, true, PROGRESS);

    assertThat(check(busy, Duration.ofMinutes(5)).getStatus()).isEqualTo(Status.UP);
    HealthCheckResponse late = check(busy, Duration.ofMinutes(5).plusSeconds(1));
    assertThat(late.getStatus()).isEqualTo(Status.DOWN);
    assertThat(late.getName()).isEqualTo("reconcile-loop");
    assertThat(late.getData().orElseThrow())
        .containsEntry("reason", "the reconcile loop has made no progress for 301 s (limit 300 s)")
        .containsEntry("busy", true)
        .containsEntry("lastProgress", PROGRESS.toString());
  }

  @Test
  void anIdleLoopIsAliveHoweverLongItWaits() {
    LoopLiveness idle = new LoopLiveness(true, true, false, PROGRESS);

    assertThat(check(idle, Duration.ofDays(3)).getStatus()).isEqualTo(Status.UP);
  }

  @Test
  void aDeadThreadIsRedAtOnce() {
    LoopLiveness dead = new LoopLiveness(true, false, true, PROGRESS);

    HealthCheckResponse response = check(dead, Duration.ZERO);
    assertThat(response.getStatus()).isEqualTo(Status.DOWN);
    assertThat(response.getData().orElseThrow())
        .containsEntry("reason", "the reconcile thread has died");
  }

  private static HealthCheckResponse check(LoopLiveness liveness, Duration after) {
    Clock clock = Clock.fixed(PROGRESS.plus(after), ZoneOffset.UTC);
    return new LoopLivenessCheck(() -> liveness, TIMEOUT, clock).call();
  }
}
