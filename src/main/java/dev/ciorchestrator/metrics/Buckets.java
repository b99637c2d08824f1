package dev.ciorchestrator.metrics;

import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;

/**
 * The histogram boundaries of every timer, chosen per kind of duration as SLO-style steps an
 * operator reads ("95 % of runs within 10 minutes"). Why not Micrometer's percentile histogram: it
 * publishes 69–83 buckets per tag set, which over 1,000 jobs is hundreds of thousands of series;
 * these publish at most {@link #MAX} plus {@code +Inf}. {@code histogram_quantile} interpolates
 * between the boundaries, so a quantile is as exact as the step it falls in.
 */
enum Buckets {
  /** Runs and their queue time: seconds to hours. */
  RUNS(
      seconds(1),
      seconds(5),
      seconds(15),
      seconds(30),
      minutes(1),
      minutes(2),
      minutes(5),
      minutes(10),
      minutes(20),
      minutes(30),
      hours(1),
      hours(2),
      hours(6)),
  /** One policy evaluation: tens of microseconds normally, the 100 ms limit at most. */
  POLICIES(
      micros(10),
      micros(25),
      micros(50),
      micros(100),
      micros(250),
      micros(500),
      millis(1),
      millis(2),
      millis(5),
      millis(10),
      millis(25),
      millis(50),
      millis(100),
      millis(250),
      seconds(1)),
  /**
   * One reconcile pass over one repository, one config load, one callback delivery: milliseconds to
   * a minute.
   */
  PASSES(
      millis(1),
      millis(5),
      millis(10),
      millis(25),
      millis(50),
      millis(100),
      millis(250),
      millis(500),
      seconds(1),
      millis(2500),
      seconds(5),
      seconds(10),
      seconds(30),
      seconds(60)),
  /** A change's way to its merge, in the queue or from its opening: minutes to a month. */
  CHANGES(
      seconds(30),
      minutes(1),
      minutes(5),
      minutes(15),
      minutes(30),
      hours(1),
      hours(2),
      hours(4),
      hours(8),
      hours(24),
      hours(48),
      hours(24 * 7),
      hours(24 * 14),
      hours(24 * 30));

  /** The most boundaries any histogram publishes, besides {@code +Inf}. */
  static final int MAX = 15;

  private final List<Duration> boundaries;

  Buckets(Duration... boundaries) {
    this.boundaries = List.of(boundaries);
  }

  List<Duration> boundaries() {
    return boundaries;
  }

  /** {@code builder} publishing exactly these boundaries as its histogram. */
  Timer.Builder on(Timer.Builder builder) {
    return builder.serviceLevelObjectives(boundaries.toArray(Duration[]::new));
  }

  private static Duration micros(long n) {
    return Duration.ofNanos(n * 1_000);
  }

  private static Duration millis(long n) {
    return Duration.ofMillis(n);
  }

  private static Duration seconds(long n) {
    return Duration.ofSeconds(n);
  }

  private static Duration minutes(long n) {
    return Duration.ofMinutes(n);
  }

  private static Duration hours(long n) {
    return Duration.ofHours(n);
  }
}
