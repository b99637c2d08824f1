package dev.ciorchestrator.policy;

import dev.ciorchestrator.domain.Decision;
import dev.ciorchestrator.policy.Evaluation.Verdict;
import java.util.Objects;

/**
 * Evaluates one policy (optional match, rule, optional message) into an {@link Evaluation}. Pure:
 * it knows only the {@link Expression} port, so every engine gives the same verdicts and reasons.
 */
public final class PolicyEvaluator {
  static final String NOT_APPLICABLE = "not applicable";
  static final String PASSED = "passed";

  private PolicyEvaluator() {}

  /**
   * @param match may be null: the policy always applies
   * @param message may be null: the reason is generic
   */
  public static Evaluation evaluate(
      String policyName, Expression match, Expression rule, Expression message, Bindings bindings) {
    requireType(match, ResultType.BOOL, "match");
    Objects.requireNonNull(rule, "rule");
    requireType(rule, ResultType.BOOL, "rule");
    requireType(message, ResultType.STRING, "message");
    try {
      if (match != null && !(Boolean) match.evaluate(bindings)) {
        return new Evaluation(Verdict.SKIP, Decision.pass(policyName, NOT_APPLICABLE));
      }
      boolean pass = (Boolean) rule.evaluate(bindings);
      String reason = reason(pass, rule, message, bindings);
      return pass
          ? new Evaluation(Verdict.PASS, Decision.pass(policyName, reason))
          : new Evaluation(Verdict.FAIL, Decision.fail(policyName, reason));
    } catch (PolicyException e) {
      return new Evaluation(
          Verdict.ERROR, Decision.fail(policyName, "policy error: " + e.getMessage()));
    }
  }

  private static void requireType(Expression expression, ResultType type, String role) {
    if (expression != null && expression.resultType() != type) {
      throw new IllegalArgumentException(role + " must be a " + type.celName() + " expression");
    }
  }

  // A broken message must not hide the verdict: it only loses its words.
  private static String reason(
      boolean pass, Expression rule, Expression message, Bindings bindings) {
    String fallback = pass ? PASSED : "rule is false: " + rule.source();
    if (message == null) {
      return fallback;
    }
    try {
      return (String) message.evaluate(bindings);
    } catch (PolicyException e) {
      return fallback + " (message failed: " + e.getMessage() + ")";
    }
  }
}
