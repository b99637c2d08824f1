package dev.ciorchestrator.policy.cel;

import dev.cel.common.CelErrorCode;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.ciorchestrator.policy.Bindings;
import dev.ciorchestrator.policy.Expression;
import dev.ciorchestrator.policy.PolicyException;
import dev.ciorchestrator.policy.ResultType;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A compiled expression. Immutable: a planned cel-java program holds no per-evaluation state, and
 * everything that does (the {@link EvaluationBudget}, the iteration count) lives in one {@link
 * #evaluate} call.
 *
 * @param warmUp its engine's, run before the first evaluation (and the clock) starts
 */
record CelExpression(
    String source,
    ResultType resultType,
    CelRuntime.Program program,
    CelLimits limits,
    Set<String> variables,
    Set<String> reads,
    WarmUp warmUp)
    implements Expression {
  private static final Pattern BARE_WORD = Pattern.compile("\\S+");
  private static final Pattern LOCATION = Pattern.compile("^evaluation error at <input>:(\\d+): ");

  CelExpression withTimeLimit(Duration limit) {
    return new CelExpression(
        source, resultType, program, limits.withTimeLimit(limit), variables, reads, warmUp);
  }

  @Override
  public Object evaluate(Bindings bindings) throws PolicyException {
    warmUp.beforeEvaluation();
    Map<String, Object> activation = Activation.of(bindings);
    EvaluationBudget budget =
        new EvaluationBudget(new Deadline(limits.timeLimit().toNanos()), limits);
    Object result;
    try {
      result = budget.trace(program, activation);
    } catch (CelEvaluationException e) {
      throw breached(budget, e).orElseGet(() -> translate(e));
    } catch (RuntimeException | StackOverflowError e) {
      throw breached(budget, e).orElseGet(() -> unexpected(e));
    } catch (OutOfMemoryError e) {
      // The last line of defence, should a built-in escape the allocation budget: what the
      // evaluation built is garbage once it has unwound, and the caller gets a policy error.
      throw new PolicyException("evaluation ran out of memory", e);
    }
    if (budget.breach().isPresent()) {
      throw breached(budget, null).orElseThrow();
    }
    return checked(result);
  }

  private Object checked(Object result) throws PolicyException {
    Class<?> expected = resultType() == ResultType.BOOL ? Boolean.class : String.class;
    if (!expected.isInstance(result)) {
      // The checker proved the type; this guards against a runtime that disagrees with it.
      throw new PolicyException(
          "expression must evaluate to %s, but gave %s"
              .formatted(resultType().celName(), result == null ? "null" : result.getClass()));
    }
    return result;
  }

  // A bound's error may surface as any error (or be absorbed): the bound is what to report.
  private static Optional<PolicyException> breached(EvaluationBudget budget, Throwable cause) {
    return budget.breach().map(why -> new PolicyException(why, cause));
  }

  private PolicyException translate(CelEvaluationException e) {
    if (e.getErrorCode() == CelErrorCode.ITERATION_BUDGET_EXCEEDED) {
      return new PolicyException(
          "evaluation exceeded the " + limits.maxIterations() + "-iteration budget", e);
    }
    if (e.getErrorCode() == CelErrorCode.ATTRIBUTE_NOT_FOUND) {
      // A missing map key comes back as the bare key, e.g. "lint" for jobs['lint'].
      return new PolicyException(withoutInputName(e.getMessage(), "no such key: "), e);
    }
    return new PolicyException(withoutInputName(e.getMessage(), ""), e);
  }

  // cel-java says "evaluation error at <input>:17: ..." with a 0-based offset into the text.
  private static String withoutInputName(String message, String bareWordPrefix) {
    if (message == null) {
      return "evaluation error";
    }
    Matcher m = LOCATION.matcher(message);
    if (!m.find()) {
      return message;
    }
    int column = Integer.parseInt(m.group(1)) + 1;
    String detail = message.substring(m.end());
    if (BARE_WORD.matcher(detail).matches()) {
      detail = bareWordPrefix + detail;
    }
    return "evaluation error at character " + column + ": " + detail;
  }

  private static PolicyException unexpected(Throwable e) {
    String what = e instanceof StackOverflowError ? "nested too deeply" : String.valueOf(e);
    return new PolicyException("evaluation failed: " + what, e);
  }
}
