package dev.ciorchestrator.policy.cel;

import java.time.Duration;
import java.util.Objects;

/**
 * Bounds on every expression, since cel-java has no cost budget: a rule from a config repository
 * must never hang, exhaust memory or overflow the stack of the controller that evaluates it; and a
 * bound on what the engine keeps between config revisions.
 *
 * @param maxIterations comprehension iterations per evaluation, summed over all comprehensions;
 *     also the element comparisons one {@code sets.*} call may make
 * @param maxAstDepth nesting depth of the checked expression tree, enforced at compile time
 * @param maxExpressionLength characters of expression text, enforced at compile time
 * @param timeLimit wall-clock time per evaluation
 * @param maxResultSize characters of a string, or elements of a list, that one call of {@code
 *     replace}, {@code join}, {@code regex.replace} or {@code flatten} may produce
 * @param maxCachedExpressions compiled expressions kept by the engine, least recently used evicted
 */
public record CelLimits(
    int maxIterations,
    int maxAstDepth,
    int maxExpressionLength,
    Duration timeLimit,
    int maxResultSize,
    int maxCachedExpressions) {
  public static final CelLimits DEFAULT =
      new CelLimits(10_000, 50, 10_000, Duration.ofMillis(100), 1 << 20, 10_000);

  public CelLimits {
    requirePositive(maxIterations, "maxIterations");
    requirePositive(maxAstDepth, "maxAstDepth");
    requirePositive(maxExpressionLength, "maxExpressionLength");
    Objects.requireNonNull(timeLimit, "timeLimit");
    if (timeLimit.isNegative() || timeLimit.isZero()) {
      throw new IllegalArgumentException("timeLimit must be positive: " + timeLimit);
    }
    requirePositive(maxResultSize, "maxResultSize");
    requirePositive(maxCachedExpressions, "maxCachedExpressions");
  }

  public CelLimits withTimeLimit(Duration limit) {
    return new CelLimits(
        maxIterations,
        maxAstDepth,
        maxExpressionLength,
        limit,
        maxResultSize,
        maxCachedExpressions);
  }

  public CelLimits withMaxIterations(int iterations) {
    return new CelLimits(
        iterations,
        maxAstDepth,
        maxExpressionLength,
        timeLimit,
        maxResultSize,
        maxCachedExpressions);
  }

  public CelLimits withMaxResultSize(int size) {
    return new CelLimits(
        maxIterations, maxAstDepth, maxExpressionLength, timeLimit, size, maxCachedExpressions);
  }

  public CelLimits withMaxCachedExpressions(int entries) {
    return new CelLimits(
        maxIterations, maxAstDepth, maxExpressionLength, timeLimit, maxResultSize, entries);
  }

  /** How a breached time limit reads to a user: "100 ms", or "1.5 ms" below a millisecond. */
  String describeTimeLimit() {
    long millis = timeLimit.toMillis();
    if (millis > 0 && timeLimit.equals(Duration.ofMillis(millis))) {
      return millis + " ms";
    }
    return timeLimit.toNanos() / 1_000 / 1000.0 + " ms";
  }

  private static void requirePositive(int value, String name) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be positive: " + value);
    }
  }
}
