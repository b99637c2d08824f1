package dev.ciorchestrator.policy;

import java.util.List;

/** The result of compiling one expression: the expression, or every problem found in it. */
public sealed interface Compilation {
  record Compiled(Expression expression) implements Compilation {}

  record Invalid(List<ExpressionProblem> problems) implements Compilation {
    public Invalid {
      problems = List.copyOf(problems);
    }
  }
}
