package dev.ciorchestrator.config.validation;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** RFC 3339 timestamps as policy test inputs write them: {@code 2024-05-01T12:00:00Z}. */
public final class Timestamps {
  private Timestamps() {}

  /**
   * @throws IllegalArgumentException with a user-facing reason when {@code text} is no RFC 3339
   *     date-time with an offset
   */
  public static Instant parse(String text) {
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "invalid timestamp '" + text + "': expected RFC 3339 like 2024-05-01T12:00:00Z", e);
    }
  }
}
