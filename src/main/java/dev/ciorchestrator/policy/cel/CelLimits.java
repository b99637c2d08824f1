package dev.ciorchestrator.policy.cel;

import java.time.Duration;
import java.util.Objects;

/**
 * Bounds on every expression, since cel-java has no cost budget: a rule from a config repository
 * must never hang, exhaust memory or overflow the stack of the controller that evaluates it; and a
 * bound on what the engine keeps between config revisions.
 *
 * @param maxIterations comprehension iterations per evaluation, summed over all comprehensions;
 *     also the element comparisons one {@code sets.*} or {@code distinct} call may make
 * @param maxAstDepth nesting depth of the checked expression tree, enforced at compile time
 * @param maxExpressionLength characters of expression text, enforced at compile time
 * @param timeLimit CPU time per evaluation; the wall clock may run to {@link
 *     Deadline#WALL_CAP_FACTOR} times it once a tenth of it is spent, {@link
 *     Deadline#HARD_CAP_FACTOR} times it in any case
 * @param maxResultSize characters of a string, or elements of a list, that one call of {@code +},
 *     {@code replace}, {@code join}, {@code regex.replace} or {@code flatten} may produce
 * @param maxCachedExpressions compiled expressions kept by the engine, least recently used evicted
 * @param maxAllocation estimated bytes of the lists, maps and strings one evaluation builds and
 *     keeps (see {@link ValueSizes})
 * @param maxRegexSize instructions a regular expression may compile to, checked at load time for a
 *     literal pattern and before compiling any other
 */
public record CelLimits(
    int maxIterations,
    int maxAstDepth,
    int maxExpressionLength,
    Duration timeLimit,
    int maxResultSize,
    int maxCachedExpressions,
    long maxAllocation,
    int maxRegexSize) {
  public static final CelLimits DEFAULT =
      new CelLimits(10_000, 50, 10_000, Duration.ofMillis(100), 1 << 20, 10_000, 32L << 20, 10_000);

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
    requirePositive(maxAllocation, "maxAllocation");
    requirePositive(maxRegexSize, "maxRegexSize");
  }

  public CelLimits withTimeLimit(Duration limit) {
    return new CelLimits(
        maxIterations,
        maxAstDepth,
        maxExpressionLength,
        limit,
        maxResultSize,
        maxCachedExpressions,
        maxAllocation,
        maxRegexSize);
  }

  public CelLimits withMaxIterations(int iterations) {
    return new CelLimits(
        iterations,
        maxAstDepth,
        maxExpressionLength,
        timeLimit,
        maxResultSize,
        maxCachedExpressions,
        maxAllocation,
        maxRegexSize);
  }

  public CelLimits withMaxResultSize(int size) {
    return new CelLimits(
        maxIterations,
        maxAstDepth,
        maxExpressionLength,
        timeLimit,
        size,
        maxCachedExpressions,
        maxAllocation,
        maxRegexSize);
  }

  public CelLimits withMaxCachedExpressions(int entries) {
    return new CelLimits(
        maxIterations,
        maxAstDepth,
        maxExpressionLength,
        timeLimit,
        maxResultSize,
        entries,
        maxAllocation,
        maxRegexSize);
  }

  public CelLimits withMaxAllocation(long bytes) {
    return new CelLimits(
        maxIterations,
        maxAstDepth,
        maxExpressionLength,
        timeLimit,
        maxResultSize,
        maxCachedExpressions,
        bytes,
        maxRegexSize);
  }

  public CelLimits withMaxRegexSize(int instructions) {
    return new CelLimits(
        maxIterations,
        maxAstDepth,
        maxExpressionLength,
        timeLimit,
        maxResultSize,
        maxCachedExpressions,
        maxAllocation,
        instructions);
  }

  /** How a breached time limit reads to a user: "100 ms", or "1.5 ms" below a millisecond. */
  String describeTimeLimit() {
    long millis = timeLimit.toMillis();
    if (millis > 0 && timeLimit.equals(Duration.ofMillis(millis))) {
      return millis + " ms";
    }
    return timeLimit.toNanos() / 1_000 / 1000.0 + " ms";
  }

  /** "32 MiB", "64 KiB" or "1000 bytes", as exact as the number allows. */
  String describeMaxAllocation() {
    if (maxAllocation % (1 << 20) == 0) {
      return (maxAllocation >> 20) + " MiB";
    }
    if (maxAllocation % (1 << 10) == 0) {
      return (maxAllocation >> 10) + " KiB";
    }
    return maxAllocation + " bytes";
  }

  private static void requirePositive(long value, String name) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be positive: " + value);
    }
  }
}
