package dev.ciorchestrator.forge.rest;

import java.io.IOException;

/**
 * The header that authorizes a request, asked before each one (an App's token changes hourly).
 * Implementations never show the secret in {@code toString} or in exception messages.
 */
@FunctionalInterface
public interface Authorization {
  /** One header: {@code Authorization: Bearer …}, {@code PRIVATE-TOKEN: …}. */
  record Header(String name, String value) {
    @Override
    public String toString() {
      return name + ": (redacted)";
    }
  }

  Header header() throws IOException;
}
