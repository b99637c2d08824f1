package dev.ciorchestrator.config.validation;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Go-style durations as Kubernetes and Prow users write them: {@code 90s}, {@code 20m}, {@code
 * 1h30m}, {@code 1.5h}, {@code 500ms}.
 */
public final class Durations {
  private static final Pattern PART =
      Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|µs|ms|s|m|h)");
  private static final Map<String, Long> NANOS =
      Map.of(
          "ns", 1L,
          "us", 1_000L,
          "µs", 1_000L,
          "ms", 1_000_000L,
          "s", 1_000_000_000L,
          "m", 60_000_000_000L,
          "h", 3_600_000_000_000L);

  /** Far above any sensible timeout, and far below where nanoseconds overflow a long. */
  private static final BigDecimal MAX_NANOS = BigDecimal.valueOf(NANOS.get("h") * 24 * 365);

  private Durations() {}

  /**
   * @throws IllegalArgumentException with a user-facing reason when {@code text} is not a positive
   *     Go duration
   */
  public static Duration parse(String text) {
    if (text.isEmpty()) {
      throw invalid(text);
    }
    Matcher m = PART.matcher(text);
    BigDecimal nanos = BigDecimal.ZERO;
    int at = 0;
    while (at < text.length()) {
      if (!m.find(at) || m.start() != at) {
        throw invalid(text);
      }
      nanos =
          nanos.add(new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(NANOS.get(m.group(2)))));
      at = m.end();
    }
    if (nanos.signum() <= 0) {
      throw new IllegalArgumentException("duration '" + text + "' must be greater than zero");
    }
    if (nanos.compareTo(MAX_NANOS) > 0) {
      throw new IllegalArgumentException("duration '" + text + "' is longer than a year");
    }
    return Duration.ofNanos(nanos.longValue());
  }

  private static IllegalArgumentException invalid(String text) {
    return new IllegalArgumentException(
        "invalid duration '" + text + "': expected a Go duration like 90s, 20m, 1h30m or 500ms");
  }
}
