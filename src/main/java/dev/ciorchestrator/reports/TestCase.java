package dev.ciorchestrator.reports;

import java.util.Objects;

/**
 * One test case of a JUnit report.
 *
 * @param suite the {@code testsuite} name, or "" (or the {@code classname}, which names it better)
 * @param message the failure or skip message, cut to {@link #MESSAGE_MAX} characters
 */
public record TestCase(String suite, String name, Result result, String message) {
  public static final int MESSAGE_MAX = 500;

  public TestCase {
    suite = Objects.requireNonNullElse(suite, "");
    message = cut(Objects.requireNonNullElse(message, ""));
  }

  public enum Result {
    PASSED,
    FAILED,
    SKIPPED
  }

  /** {@code suite.name}, or the name alone: the identity a retest compares. */
  public String id() {
    return suite.isEmpty() ? name : suite + "." + name;
  }

  static String cut(String text) {
    return text.length() <= MESSAGE_MAX ? text : text.substring(0, MESSAGE_MAX - 1) + "…";
  }
}
