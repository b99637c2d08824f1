package dev.ciorchestrator.config.testing;

import dev.ciorchestrator.config.model.ConfigSnapshot;
import dev.ciorchestrator.config.model.Policy;
import dev.ciorchestrator.config.model.Policy.PolicyTest;
import dev.ciorchestrator.policy.Bindings;
import dev.ciorchestrator.policy.Evaluation;
import dev.ciorchestrator.policy.Evaluation.Verdict;
import dev.ciorchestrator.policy.Expression;
import dev.ciorchestrator.policy.PolicyEvaluator;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the {@code tests:} of every policy of a snapshot through the same evaluator the gate uses,
 * with the expressions the snapshot compiled, so a test passes exactly when production would decide
 * the same way.
 */
public final class PolicyTestRunner {
  private PolicyTestRunner() {}

  /** One result per test case, in file order of the policies and their cases. */
  public static List<PolicyTestResult> run(ConfigSnapshot snapshot) {
    List<PolicyTestResult> results = new ArrayList<>();
    for (Policy policy : snapshot.policies()) {
      for (PolicyTest test : policy.tests()) {
        results.add(run(snapshot, policy, test));
      }
    }
    return List.copyOf(results);
  }

  static PolicyTestResult run(ConfigSnapshot snapshot, Policy policy, PolicyTest test) {
    Bindings bindings;
    try {
      bindings = TestBindings.of(test.input());
    } catch (IllegalArgumentException e) {
      return result(policy, test, Verdict.ERROR, "invalid test input: " + e.getMessage());
    }
    Evaluation evaluation =
        PolicyEvaluator.evaluate(
            policy.name(),
            optional(snapshot, policy.match()),
            snapshot.expression(policy.rule()),
            optional(snapshot, policy.message()),
            bindings);
    return result(policy, test, evaluation.verdict(), reason(evaluation));
  }

  // The message is written to explain a failure; quoting it for a pass would read as a failure.
  private static String reason(Evaluation evaluation) {
    return switch (evaluation.verdict()) {
      case PASS -> "rule is true";
      case SKIP -> "match is false";
      case FAIL, ERROR -> evaluation.decision().reason();
    };
  }

  private static PolicyTestResult result(
      Policy policy, PolicyTest test, Verdict verdict, String reason) {
    return new PolicyTestResult(
        policy.name(), test.name(), test.expect(), verdict, reason, test.source());
  }

  private static Expression optional(ConfigSnapshot snapshot, String source) {
    return source == null ? null : snapshot.expression(source);
  }
}
