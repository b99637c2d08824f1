package dev.ciorchestrator.policy.cel;

import dev.cel.bundle.Cel;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelIssue;
import dev.cel.common.CelSourceLocation;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.navigation.CelNavigableAst;
import dev.cel.common.types.CelType;
import dev.cel.common.types.CelTypes;
import dev.cel.common.types.SimpleType;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.validator.CelValidator;
import dev.cel.validator.CelValidatorFactory;
import dev.cel.validator.validators.AstDepthLimitValidator;
import dev.ciorchestrator.policy.Bindings;
import dev.ciorchestrator.policy.Compilation;
import dev.ciorchestrator.policy.ExpressionProblem;
import dev.ciorchestrator.policy.ResultType;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Parses, checks, bounds and plans one expression; every failure becomes a problem, never a throw.
 */
final class ExpressionCompiler {
  private final Cel cel;
  private final CelValidator validator;
  private final CelLimits limits;
  private final FieldTypos typos;
  private final WarmUp warmUp = new WarmUp(this);

  ExpressionCompiler(CelLimits limits) {
    this.limits = limits;
    RegexPatterns patterns = new RegexPatterns(limits.maxRegexSize());
    this.cel = CelEnvironment.build(limits, patterns);
    this.typos = new FieldTypos(cel);
    this.validator =
        CelValidatorFactory.standardCelValidatorBuilder(cel)
            .addAstValidators(
                AstDepthLimitValidator.newInstance(limits.maxAstDepth()),
                new NoStructLiterals(),
                new RegexLiterals(patterns))
            .build();
    warmUp.prime();
  }

  /** Whether an evaluation of this compiler's expressions has warmed the JVM up, for tests. */
  boolean warmedUp() {
    return warmUp.done();
  }

  Compilation compile(String source, ResultType expected) {
    if (source.length() > limits.maxExpressionLength()) {
      return invalid(
          "expression is %d characters long, more than the limit of %d"
              .formatted(source.length(), limits.maxExpressionLength()));
    }
    try {
      return check(source, expected);
    } catch (CelValidationException | CelEvaluationException | RuntimeException e) {
      return invalid("cannot compile: " + e.getMessage());
    } catch (StackOverflowError e) {
      // The parser bounds recursion itself; this is the last line of defence.
      return invalid("expression is nested too deeply to compile");
    }
  }

  private Compilation check(String source, ResultType expected)
      throws CelValidationException, CelEvaluationException {
    CelValidationResult checked = cel.compile(source);
    if (checked.hasError()) {
      return new Compilation.Invalid(
          checked.getErrors().stream()
              .map(issue -> problem(issue, typos.explain(source, issue)))
              .toList());
    }
    CelValidationResult bounded = validator.validate(checked.getAst());
    if (bounded.hasError()) {
      return new Compilation.Invalid(
          bounded.getErrors().stream().map(this::validatorProblem).toList());
    }
    CelAbstractSyntaxTree ast = bounded.getAst();
    CelType actual = ast.getResultType();
    if (!actual.equals(celType(expected))) {
      return invalid(
          "expression must be %s, but is %s"
              .formatted(expected.celName(), CelTypes.format(actual)));
    }
    return new Compilation.Compiled(
        new CelExpression(
            source, expected, cel.createProgram(ast), limits, variables(ast), reads(ast), warmUp));
  }

  /**
   * The variables the expression names. A comprehension's own variable named like one of ours only
   * adds a variable it does not read, which costs a memo a hit, never a wrong result.
   */
  private static Set<String> variables(CelAbstractSyntaxTree ast) {
    return CelNavigableAst.fromAst(ast)
        .getRoot()
        .allNodes()
        .filter(node -> node.getKind() == CelExpr.ExprKind.Kind.IDENT)
        .map(node -> node.expr().ident().name())
        .filter(Bindings.VARIABLES::contains)
        .collect(Collectors.toUnmodifiableSet());
  }

  /**
   * What the expression reads: {@code change.labels} where a variable is only ever the operand of a
   * field selection, the variable's name where it is used whole. A comprehension variable named
   * like one of ours only adds reads, which costs a memo hits, never a wrong result.
   */
  private static Set<String> reads(CelAbstractSyntaxTree ast) {
    List<CelExpr> nodes =
        CelNavigableAst.fromAst(ast).getRoot().allNodes().map(n -> n.expr()).toList();
    Set<String> reads = new HashSet<>();
    Set<Long> selected = new HashSet<>();
    for (CelExpr node : nodes) {
      if (node.getKind() == CelExpr.ExprKind.Kind.SELECT && isVariable(node.select().operand())) {
        reads.add(node.select().operand().ident().name() + "." + node.select().field());
        selected.add(node.select().operand().id());
      }
    }
    for (CelExpr node : nodes) {
      if (isVariable(node) && !selected.contains(node.id())) {
        reads.add(node.ident().name());
      }
    }
    return Set.copyOf(reads);
  }

  private static boolean isVariable(CelExpr node) {
    return node.getKind() == CelExpr.ExprKind.Kind.IDENT
        && Bindings.VARIABLES.contains(node.ident().name());
  }

  // The depth validator speaks of ASTs; users write rules.
  private ExpressionProblem validatorProblem(CelIssue issue) {
    ExpressionProblem problem = problem(issue);
    if (!issue.getMessage().startsWith("AST's depth exceeds")) {
      return problem;
    }
    return new ExpressionProblem(
        problem.line(),
        problem.column(),
        "expression is nested more than %d levels deep".formatted(limits.maxAstDepth()));
  }

  private static CelType celType(ResultType type) {
    return switch (type) {
      case BOOL -> SimpleType.BOOL;
      case STRING -> SimpleType.STRING;
    };
  }

  private static ExpressionProblem problem(CelIssue issue) {
    return problem(issue, issue.getMessage());
  }

  // cel-java reports a 1-based line and a 0-based column; ours are both 1-based.
  private static ExpressionProblem problem(CelIssue issue, String message) {
    CelSourceLocation at = issue.getSourceLocation();
    if (at.getLine() <= 0 || at.getColumn() < 0) {
      return new ExpressionProblem(0, 0, message);
    }
    return new ExpressionProblem(at.getLine(), at.getColumn() + 1, message);
  }

  private static Compilation invalid(String message) {
    return new Compilation.Invalid(List.of(new ExpressionProblem(0, 0, message)));
  }
}
