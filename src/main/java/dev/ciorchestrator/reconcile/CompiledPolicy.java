package dev.ciorchestrator.reconcile;

import dev.ciorchestrator.config.model.ConfigSnapshot;
import dev.ciorchestrator.config.model.Policy;
import dev.ciorchestrator.config.model.PolicyType;
import dev.ciorchestrator.domain.Decision;
import dev.ciorchestrator.domain.Glob;
import dev.ciorchestrator.policy.Bindings;
import dev.ciorchestrator.policy.Evaluation;
import dev.ciorchestrator.policy.Expression;
import dev.ciorchestrator.policy.PolicyEvaluator;
import java.util.List;
import java.util.Optional;

/**
 * A policy with its globs and expressions resolved once per plan.
 *
 * @param match null when the policy has none (it then applies to every change of its repos)
 * @param message null when the policy has none
 */
record CompiledPolicy(
    Policy policy,
    List<Glob> repos,
    Expression match,
    Expression rule,
    Expression message,
    PolicyObserver observer,
    PolicyMemo memo,
    ExpressionMemo expressions) {

  static CompiledPolicy of(
      Policy policy,
      Globs globs,
      ConfigSnapshot snapshot,
      PolicyObserver observer,
      PolicyMemo memo,
      ExpressionMemo expressions) {
    return new CompiledPolicy(
        policy,
        globs.repositories(policy.repos()),
        policy.match() == null ? null : snapshot.expression(policy.match()),
        snapshot.expression(policy.rule()),
        policy.message() == null ? null : snapshot.expression(policy.message()),
        observer,
        memo,
        expressions);
  }

  PolicyType type() {
    return policy.type();
  }

  boolean appliesTo(String repo) {
    return Globs.anyMatches(repos, repo);
  }

  /**
   * The verdict as a decision, or nothing when {@code match} says the policy does not apply. An
   * evaluation error comes back as a failing decision ("policy error: ..."): it fails closed. A
   * verdict the memo gives was not evaluated, so the observer hears only of real evaluations.
   */
  Optional<Decision> decide(Bindings bindings) {
    Evaluation e = memo.recall(this, bindings).orElse(null);
    if (e == null) {
      long start = System.nanoTime();
      e = evaluate(bindings);
      observer.evaluated(policy.name(), e.verdict(), System.nanoTime() - start);
    }
    return e.verdict() == Evaluation.Verdict.SKIP ? Optional.empty() : Optional.of(e.decision());
  }

  /**
   * Whether the policy would not block with these bindings (it passes or does not apply). A
   * what-if, not a decision: the observer is not told, so the metrics count only real verdicts.
   */
  boolean wouldAllow(Bindings bindings) {
    Evaluation e = memo.recall(this, bindings).orElseGet(() -> evaluate(bindings));
    return e.verdict() == Evaluation.Verdict.PASS || e.verdict() == Evaluation.Verdict.SKIP;
  }

  private Evaluation evaluate(Bindings bindings) {
    // The plan's memo, not the components: PolicyMemo keys verdicts by the compiled expressions.
    Evaluation e =
        PolicyEvaluator.evaluate(
            policy.name(),
            expressions.of(match),
            expressions.of(rule),
            expressions.of(message),
            bindings);
    memo.remember(this, bindings, e);
    return e;
  }
}
