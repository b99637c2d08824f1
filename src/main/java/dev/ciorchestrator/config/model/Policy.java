package dev.ciorchestrator.config.model;

import java.util.List;
import java.util.Map;

/**
 * {@code kind: Policy}: a CEL rule. {@code match} and {@code message} are null when absent.
 *
 * @param repos repository names or globs the policy applies to
 */
public record Policy(
    String name,
    PolicyType type,
    List<String> repos,
    String match,
    String rule,
    String message,
    List<PolicyTest> tests,
    SourcePosition source) {
  public Policy {
    repos = List.copyOf(repos);
    tests = List.copyOf(tests);
  }

  /**
   * One case of a policy's {@code tests:}: {@code input} (plain YAML values) is laid over the empty
   * default of every CEL variable.
   */
  public record PolicyTest(
      String name, Map<String, Object> input, Expectation expect, SourcePosition source) {}

  public enum Expectation {
    PASS,
    FAIL,
    SKIP
  }
}
