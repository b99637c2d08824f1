package dev.ciorchestrator.runtime;

import java.time.Duration;

/**
 * The three durations of a lease, checked together: a leader must give up renewing ({@code
 * renewDeadline}) before its lease can pass to another ({@code leaseDuration}), and must get at
 * least one renewal attempt, with fabric8's jitter of up to 1.2 retry periods, into the deadline.
 * Otherwise two instances could both believe they lead.
 */
public record LeaderTiming(Duration leaseDuration, Duration renewDeadline, Duration retryPeriod) {
  private static final String PREFIX = "ci.leader-election.";

  public LeaderTiming {
    if (retryPeriod.isNegative() || retryPeriod.isZero()) {
      throw new IllegalArgumentException(PREFIX + "retry-period must be positive: " + retryPeriod);
    }
    if (renewDeadline.compareTo(leaseDuration) >= 0) {
      throw new IllegalArgumentException(
          PREFIX
              + "renew-deadline ("
              + renewDeadline
              + ") must be less than "
              + PREFIX
              + "lease-duration ("
              + leaseDuration
              + ")");
    }
    if (renewDeadline.toMillis() <= retryPeriod.toMillis() * 1.2) {
      throw new IllegalArgumentException(
          PREFIX
              + "renew-deadline ("
              + renewDeadline
              + ") must be more than 1.2 x "
              + PREFIX
              + "retry-period ("
              + retryPeriod
              + ")");
    }
  }

  static LeaderTiming of(LeaderElectionSettings settings) {
    return new LeaderTiming(
        settings.leaseDuration(), settings.renewDeadline(), settings.retryPeriod());
  }
}
