package dev.ciorchestrator.policy.cel;

import dev.cel.bundle.Cel;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelIssue;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.navigation.CelNavigableAst;
import dev.cel.common.navigation.CelNavigableExpr;
import dev.cel.common.types.StructType;
import dev.ciorchestrator.config.validation.Suggestions;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Adds a "did you mean" to the checker's {@code undefined field 'aprovals'}: the field names of the
 * struct the misspelled field was selected from ({@code change}, {@code repo} or a job), or of all
 * three when the expression does not say which (a comprehension variable).
 */
final class FieldTypos {
  private static final Pattern UNDEFINED = Pattern.compile("undefined field '([^']+)'");

  private final Cel cel;

  FieldTypos(Cel cel) {
    this.cel = cel;
  }

  String explain(String source, CelIssue issue) {
    Matcher m = UNDEFINED.matcher(issue.getMessage());
    if (!m.matches()) {
      return issue.getMessage();
    }
    return issue.getMessage() + Suggestions.didYouMean(m.group(1), candidates(source, issue));
  }

  private Collection<String> candidates(String source, CelIssue issue) {
    Optional<StructType> type = selectedFrom(source, issue.getExprId());
    if (type.isPresent()) {
      return type.get().fieldNames();
    }
    Set<String> all = new LinkedHashSet<>(CelVariables.CHANGE.fieldNames());
    all.addAll(CelVariables.JOB.fieldNames());
    all.addAll(CelVariables.REPO.fieldNames());
    return all;
  }

  // The checker's expression ids are those of the parsed expression, which parsing again repeats.
  private Optional<StructType> selectedFrom(String source, long exprId) {
    CelValidationResult parsed = cel.parse(source);
    if (parsed.hasError()) {
      return Optional.empty();
    }
    CelAbstractSyntaxTree ast;
    try {
      ast = parsed.getAst();
    } catch (CelValidationException e) {
      return Optional.empty();
    }
    return CelNavigableAst.fromAst(ast)
        .getRoot()
        .allNodes()
        .filter(node -> node.id() == exprId && node.getKind() == CelExpr.ExprKind.Kind.SELECT)
        .findFirst()
        .flatMap(FieldTypos::operandType);
  }

  private static Optional<StructType> operandType(CelNavigableExpr select) {
    CelExpr operand = select.expr().select().operand();
    if (operand.getKind() == CelExpr.ExprKind.Kind.IDENT) {
      return switch (operand.ident().name()) {
        case "change" -> Optional.of(CelVariables.CHANGE);
        case "repo" -> Optional.of(CelVariables.REPO);
        default -> Optional.empty();
      };
    }
    if (isJobs(operand)) {
      return Optional.of(CelVariables.JOB);
    }
    return Optional.empty();
  }

  /** {@code jobs['lint']}, {@code jobs[j]} or {@code jobs.lint}: one job. */
  private static boolean isJobs(CelExpr operand) {
    if (operand.getKind() == CelExpr.ExprKind.Kind.SELECT) {
      return isIdent(operand.select().operand(), "jobs");
    }
    return operand.getKind() == CelExpr.ExprKind.Kind.CALL
        && operand.call().function().equals("_[_]")
        && !operand.call().args().isEmpty()
        && isIdent(operand.call().args().get(0), "jobs");
  }

  private static boolean isIdent(CelExpr expr, String name) {
    return expr.getKind() == CelExpr.ExprKind.Kind.IDENT && expr.ident().name().equals(name);
  }
}
