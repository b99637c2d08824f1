package dev.ciorchestrator.ha;

import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ciorchestrator.runtime.LeaderTiming;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Lease timings that could let two instances both lead are refused at startup, naming the keys. */
class LeaderTimingTest {
  private static Duration s(double seconds) {
    return Duration.ofMillis((long) (seconds * 1000));
  }

  @Test
  void theDefaultsAreAccepted() {
    assertThatNoException().isThrownBy(() -> new LeaderTiming(s(10), s(7), s(1)));
  }

  @Test
  void aRenewDeadlineNotBelowTheLeaseDurationIsRefused() {
    assertThatThrownBy(() -> new LeaderTiming(s(10), s(10), s(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ci.leader-election.renew-deadline (PT10S)")
        .hasMessageContaining("ci.leader-election.lease-duration (PT10S)");
  }

  @Test
  void aRenewDeadlineWithoutRoomForAJitteredRetryIsRefused() {
    assertThatThrownBy(() -> new LeaderTiming(s(10), s(2.4), s(2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ci.leader-election.renew-deadline (PT2.4S)")
        .hasMessageContaining("ci.leader-election.retry-period (PT2S)");
  }

  @Test
  void aZeroRetryPeriodIsRefused() {
    assertThatThrownBy(() -> new LeaderTiming(s(10), s(7), Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ci.leader-election.retry-period must be positive");
  }
}
