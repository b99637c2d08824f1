package dev.ciorchestrator.policy.cel;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Compiles regular expressions within {@link CelLimits#maxRegexSize()} instructions: a size
 * estimate first ({@link RegexSize}), so that re2j never expands a pattern whose nested repetitions
 * multiply, then re2j's own program size. Compiled patterns are kept, a few hundred at most,
 * because rules match the same literal pattern against every file of every change. Thread-safe.
 */
final class RegexPatterns {
  private static final int CACHED = 256;

  private final int maxSize;
  private final Map<String, Pattern> cache = new ConcurrentHashMap<>();

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
    if (cache.size() >= CACHED) {
      cache.clear(); // cheaper than tracking use, and rules need far fewer patterns than this
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
