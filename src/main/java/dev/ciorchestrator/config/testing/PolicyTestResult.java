package dev.ciorchestrator.config.testing;

import dev.ciorchestrator.config.model.Policy.Expectation;
import dev.ciorchestrator.config.model.SourcePosition;
import dev.ciorchestrator.policy.Evaluation.Verdict;
import java.util.Locale;

/**
 * The outcome of one policy test case.
 *
 * @param reason why the policy decided as it did: its message on a failure, the error on an error
 * @param source where the case is written
 */
public record PolicyTestResult(
    String policy,
    String testCase,
    Expectation expected,
    Verdict actual,
    String reason,
    SourcePosition source) {

  /** An {@code ERROR} verdict never meets an expectation: a broken rule is never a passing test. */
  public boolean passed() {
    return switch (actual) {
      case PASS -> expected == Expectation.PASS;
      case FAIL -> expected == Expectation.FAIL;
      case SKIP -> expected == Expectation.SKIP;
      case ERROR -> false;
    };
  }

  /** {@code expected fail, got pass (rule is true)}. */
  public String mismatch() {
    return "expected "
        + expected.name().toLowerCase(Locale.ROOT)
        + ", got "
        + actual.name().toLowerCase(Locale.ROOT)
        + " ("
        + reason
        + ")";
  }
}
