package dev.ciorchestrator.config.loading;

import dev.ciorchestrator.policy.Bindings;
import dev.ciorchestrator.policy.Compilation;
import dev.ciorchestrator.policy.Expression;
import dev.ciorchestrator.policy.ExpressionProblem;
import dev.ciorchestrator.policy.PolicyEngine;
import dev.ciorchestrator.policy.ResultType;
import java.util.ArrayList;
import java.util.List;

/**
 * Accepts every text except those holding {@code @}: each {@code @} is a problem at its own line
 * and column, so position mapping can be tested without knowing CEL's messages.
 */
final class FakePolicyEngine implements PolicyEngine {
  final List<String> compiled = new ArrayList<>();

  @Override
  public synchronized Compilation compile(String source, ResultType expected) {
    compiled.add(source);
    List<ExpressionProblem> problems = new ArrayList<>();
    String[] lines = source.split("\n", -1);
    for (int l = 0; l < lines.length; l++) {
      for (int c = lines[l].indexOf('@'); c >= 0; c = lines[l].indexOf('@', c + 1)) {
        problems.add(new ExpressionProblem(l + 1, c + 1, "unexpected '@'"));
      }
    }
    if (!problems.isEmpty()) {
      return new Compilation.Invalid(problems);
    }
    return new Compilation.Compiled(new FakeExpression(source, expected));
  }

  record FakeExpression(String source, ResultType resultType) implements Expression {
    @Override
    public Object evaluate(Bindings bindings) {
      return resultType == ResultType.BOOL ? Boolean.TRUE : "";
    }
  }
}
