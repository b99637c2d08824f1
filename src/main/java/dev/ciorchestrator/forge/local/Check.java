package dev.ciorchestrator.forge.local;

import java.time.Instant;
import java.util.regex.Pattern;

/**
 * Input checks whose messages name the field, so a CLI or REST caller can show them as they are.
 */
final class Check {
  private static final Pattern REPO = Pattern.compile("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+");
  // Full object ids only (SHA-1 or SHA-256 Git): an abbreviation can become ambiguous later.
  private static final Pattern SHA = Pattern.compile("[0-9a-f]{40}|[0-9a-f]{64}");

  private Check() {}

  static void repo(String repo) {
    if (repo == null || !REPO.matcher(repo).matches() || repo.contains("..")) {
      throw new IllegalArgumentException("repo must be owner/name: " + repo);
    }
  }

  static void text(String field, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(field + " must not be empty");
    }
  }

  static void sha(String field, String value) {
    if (value == null || !SHA.matcher(value).matches()) {
      throw new IllegalArgumentException(
          field + " must be a full lowercase hex commit id: " + value);
    }
  }

  static void time(Instant now) {
    notNull("now", now);
  }

  static void notNull(String field, Object value) {
    if (value == null) {
      throw new IllegalArgumentException(field + " must not be null");
    }
  }
}
