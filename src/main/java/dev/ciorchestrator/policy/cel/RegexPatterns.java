package dev.ciorchestrator.policy.cel;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Compiles regular expressions within {@link CelLimits#maxRegexSize()} instructions: a size
 * estimate first ({@link RegexSize}), so that re2j never expands a pattern whose nested repetitions
 * multiply, then re2j's own program size. Compiled patterns are kept, up to {@link
 * #CACHED_INSTRUCTIONS} instructions in all (a few MiB), because rules match the same literal
 * pattern against every file of every change. Thread-safe.
 */
final class RegexPatterns {
  static final int CACHED_INSTRUCTIONS = 100_000;

  private final int maxSize;
  private final Map<String, Pattern> cache = new ConcurrentHashMap<>();
  private final AtomicInteger cachedInstructions = new AtomicInteger();

  RegexPatterns(int maxSize) {
    this.maxSize = maxSize;
  }

  /** A pattern that may not be used, with the reason as a user reads it. */
  static final class Refused extends Exception {
    private static final long serialVersionUID = 1L;

    Refused(String message) {
      super(message, null, false, false);
    }
  }

  Pattern compile(String regex) throws Refused {
    Pattern pattern = cache.get(regex);
    if (pattern != null) {
      return pattern;
    }
    pattern = compileUncached(regex);
    if (cachedInstructions.addAndGet(pattern.programSize()) > CACHED_INSTRUCTIONS) {
      // Cheaper than tracking use, and the rules of a config need far fewer than this.
      cache.clear();
      cachedInstructions.set(pattern.programSize());
    }
    cache.put(regex, pattern);
    return pattern;
  }

  private Pattern compileUncached(String regex) throws Refused {
    long estimate = RegexSize.estimate(regex);
    if (estimate > maxSize) {
      throw tooLarge(regex, estimate);
    }
    Pattern pattern;
    try {
      pattern = Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      throw new Refused(e.getMessage());
    }
    if (pattern.programSize() > maxSize) {
      throw tooLarge(regex, pattern.programSize());
    }
    return pattern;
  }

  private Refused tooLarge(String regex, long size) {
    String shown = regex.length() > 60 ? regex.substring(0, 60) + "…" : regex;
    return new Refused(
        "regex `%s` is too large: it compiles to about %d instructions, more than the limit of %d"
                .formatted(shown, size, maxSize)
            + (shown.contains("{") ? " (nested repetitions multiply)" : ""));
  }
}
