package dev.ciorchestrator.policy.cel;

import dev.cel.bundle.Cel;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.navigation.CelNavigableAst;
import dev.cel.validator.CelAstValidator;

/**
 * Refuses struct literals such as {@code ciorchestrator.Repo{name: 'x'}}. The checker accepts them
 * because our types are declared, but the runtime has no way to build one, so without this check
 * the rule would load and then fail on every change.
 */
final class NoStructLiterals implements CelAstValidator {
  @Override
  public void validate(CelNavigableAst ast, Cel cel, IssuesFactory issues) {
    ast.getRoot()
        .allNodes()
        .filter(node -> node.getKind() == CelExpr.ExprKind.Kind.STRUCT)
        .forEach(
            node ->
                issues.addError(
                    node.id(),
                    "cannot construct "
                        + node.expr().struct().messageName()
                        + " values; only the variables change, jobs, repo and now have them"));
  }
}
