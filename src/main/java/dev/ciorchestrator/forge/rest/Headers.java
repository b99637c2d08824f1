package dev.ciorchestrator.forge.rest;

import java.net.http.HttpHeaders;
import java.util.Optional;

/** Reads the numeric headers forges send about their limits. */
public final class Headers {
  private Headers() {}

  /** The header's whole number; empty when absent or not a number (one we cannot honour). */
  public static Optional<Long> number(HttpHeaders headers, String name) {
    try {
      return headers.firstValue(name).map(String::strip).map(Long::parseLong);
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
