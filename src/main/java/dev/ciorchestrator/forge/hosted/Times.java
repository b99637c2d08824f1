package dev.ciorchestrator.forge.hosted;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Reads the ISO 8601 times forges send, with {@code Z} or an offset. */
public final class Times {
  private Times() {}

  /** The instant {@code text} names; null when it is empty or no time we can read. */
  public static Instant parse(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      try {
        return OffsetDateTime.parse(text).toInstant();
      } catch (DateTimeParseException again) {
        return null; // a time we cannot read orders as unknown; the rest of the object still counts
      }
    }
  }
}
