package dev.ciorchestrator.config.testing;

import dev.ciorchestrator.policy.Bindings;
import java.math.BigInteger;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Lays a policy test's {@code input} over the empty default of every CEL variable, so a test names
 * only what matters to it. YAML values become the types {@link Bindings} promises: integers are
 * {@link Long}, timestamps {@link Instant}.
 */
final class TestBindings {
  /** A fixed clock, so tests that compare with {@code now} give the same verdict every day. */
  static final Instant DEFAULT_NOW = Instant.parse("2026-01-01T00:00:00Z");

  private static final Set<String> TIMESTAMPS = Set.of("createdAt", "updatedAt");

  private TestBindings() {}

  /**
   * @throws IllegalArgumentException if a value cannot be a CEL value of its variable
   */
  static Bindings of(Map<String, Object> input) {
    Map<String, Object> change = new LinkedHashMap<>(Bindings.changeDefaults());
    section(input, "change")
        .forEach((k, v) -> change.put(k, TIMESTAMPS.contains(k) ? instant(k, v) : plain(k, v)));
    Map<String, Object> repo = new LinkedHashMap<>(Bindings.repoMap("", ""));
    section(input, "repo").forEach((k, v) -> repo.put(k, plain(k, v)));
    // jobs has no default entries: a test lists exactly the jobs the change has.
    Map<String, Object> jobs = new LinkedHashMap<>();
    section(input, "jobs").forEach((k, v) -> jobs.put(k, plain(k, v)));
    Object now = input.get("now");
    return new Bindings(change, jobs, repo, now == null ? DEFAULT_NOW : instant("now", now));
  }

  private static Map<String, Object> section(Map<String, Object> input, String name) {
    Object value = input.get(name);
    if (value == null) {
      return Map.of();
    }
    if (!(value instanceof Map<?, ?> map)) {
      throw new IllegalArgumentException(name + " must be a mapping");
    }
    Map<String, Object> out = new LinkedHashMap<>();
    map.forEach((k, v) -> out.put(String.valueOf(k), v));
    return out;
  }

  private static Object plain(String field, Object value) {
    if (value == null) {
      throw new IllegalArgumentException(field + " has no value");
    }
    if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    if (value instanceof BigInteger big) {
      try {
        return big.longValueExact();
      } catch (ArithmeticException e) {
        throw new IllegalArgumentException(field + " is too large for a CEL int: " + big, e);
      }
    }
    if (value instanceof Float f) {
      return f.doubleValue();
    }
    if (value instanceof Date || value instanceof OffsetDateTime) {
      return instant(field, value);
    }
    if (value instanceof List<?> list) {
      return list.stream().map(v -> plain(field, v)).toList();
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put(String.valueOf(k), plain(field + "." + k, v)));
      return out;
    }
    return value;
  }

  /** RFC 3339 text, or what a YAML parser already made of an unquoted timestamp. */
  private static Instant instant(String field, Object value) {
    if (value instanceof Instant i) {
      return i;
    }
    if (value instanceof Date d) {
      return d.toInstant();
    }
    if (value instanceof OffsetDateTime t) {
      return t.toInstant();
    }
    try {
      return OffsetDateTime.parse(String.valueOf(value)).toInstant();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          field + " must be an RFC 3339 timestamp such as 2026-01-01T00:00:00Z, got " + value, e);
    }
  }
}
