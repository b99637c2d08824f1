package dev.ciorchestrator.policy.cel;

import dev.cel.bundle.Cel;
import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.navigation.CelNavigableAst;
import dev.cel.validator.CelAstValidator;
import java.util.Optional;
import java.util.Set;

/**
 * Checks every literal pattern of {@code matches} and the {@code regex} functions when the config
 * loads: a pattern that does not parse, or that would compile to more than {@link
 * CelLimits#maxRegexSize()} instructions, is an error at the pattern's place in the file, not a
 * surprise on the first change. (A pattern built at run time is checked the same way then.)
 */
final class RegexLiterals implements CelAstValidator {
  private static final Set<String> PATTERN_SECOND =
      Set.of("regex.replace", "regex.extract", "regex.extractAll");

  private final RegexPatterns patterns;

  RegexLiterals(RegexPatterns patterns) {
    this.patterns = patterns;
  }

  @Override
  public void validate(CelNavigableAst ast, Cel cel, IssuesFactory issues) {
    ast.getRoot()
        .allNodes()
        .filter(node -> node.getKind() == CelExpr.ExprKind.Kind.CALL)
        .forEach(node -> pattern(node.expr().call()).ifPresent(p -> check(p, issues)));
  }

  private static Optional<CelExpr> pattern(CelExpr.CelCall call) {
    int args = call.args().size();
    if (call.function().equals("matches")) {
      return call.target().isPresent()
          ? (args == 1 ? Optional.of(call.args().get(0)) : Optional.empty())
          : (args == 2 ? Optional.of(call.args().get(1)) : Optional.empty());
    }
    if (PATTERN_SECOND.contains(call.function()) && call.target().isEmpty() && args >= 2) {
      return Optional.of(call.args().get(1));
    }
    return Optional.empty();
  }

  private void check(CelExpr pattern, IssuesFactory issues) {
    if (pattern.getKind() != CelExpr.ExprKind.Kind.CONSTANT
        || pattern.constant().getKind() != CelConstant.Kind.STRING_VALUE) {
      return;
    }
    try {
      patterns.compile(pattern.constant().stringValue());
    } catch (RegexPatterns.Refused e) {
      issues.addError(pattern.id(), e.getMessage());
    }
  }
}
