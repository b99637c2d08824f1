package dev.ciorchestrator.web.ui;

import dev.ciorchestrator.domain.Names;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How times, durations and SHAs read on the pages; always UTC, never the server's zone. */
final class Format {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  private Format() {}

  static String time(Instant at) {
    return at == null ? "" : TIME.format(at);
  }

  /** {@code 850 ms}, {@code 42 s}, {@code 3 min 05 s}, {@code 2 h 01 min}. */
  static String duration(Duration d) {
    if (d == null) {
      return "";
    }
    long ms = d.toMillis();
    if (ms < 1000) {
      return ms + " ms";
    }
    long s = d.toSeconds();
    if (s < 60) {
      return s + " s";
    }
    if (s < 3600) {
      return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
    }
    return String.format(Locale.ROOT, "%d h %02d min", s / 3600, (s % 3600) / 60);
  }

  /** From start to end, or to {@code now} while running; empty before it started. */
  static String took(Instant started, Instant finished, Instant now) {
    if (started == null) {
      return "";
    }
    Duration d = Duration.between(started, finished == null ? now : finished);
    return duration(d.isNegative() ? Duration.ZERO : d);
  }

  static String sha(String sha) {
    return Names.shortSha(sha);
  }

  /** A share as a whole percentage: {@code 97 %}. */
  static String percent(double share) {
    return Math.round(share * 100) + " %";
  }
}
