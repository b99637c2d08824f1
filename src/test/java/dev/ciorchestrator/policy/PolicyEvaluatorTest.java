package dev.ciorchestrator.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ciorchestrator.domain.Decision;
import dev.ciorchestrator.policy.Evaluation.Verdict;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PolicyEvaluatorTest {
  private static final Bindings BINDINGS =
      new Bindings(
          Bindings.changeDefaults(), Map.of(), Bindings.repoMap("r", "main"), Instant.EPOCH);
  private static final String RULE = "size(change.approvals) >= 2";

  /** An expression that returns a fixed value, or throws when its value is "boom". */
  private record Fixed(String source, ResultType resultType, String value) implements Expression {
    static Fixed of(ResultType type, String value) {
      return value == null ? null : new Fixed(type == ResultType.BOOL ? RULE : "msg", type, value);
    }

    @Override
    public Object evaluate(Bindings bindings) throws PolicyException {
      if (value.equals("boom")) {
        throw new PolicyException("boom");
      }
      return resultType == ResultType.BOOL ? (Object) Boolean.valueOf(value) : value;
    }
  }

  @ParameterizedTest(name = "match={0} rule={1} message={2} -> {3}")
  @CsvSource(
      delimiterString = "=>",
      nullValues = "-",
      textBlock =
          """
          -     => true  => -        => PASS  => true  => passed
          true  => true  => all good => PASS  => true  => all good
          true  => true  => boom     => PASS  => true  => passed (message failed: boom)
          false => boom  => boom     => SKIP  => true  => not applicable
          -     => false => -        => FAIL  => false => rule is false: size(change.approvals) >= 2
          true  => false => needs 2  => FAIL  => false => needs 2
          -     => false => boom     => FAIL  => false => rule is false: size(change.approvals) >= 2 (message failed: boom)
          boom  => true  => -        => ERROR => false => policy error: boom
          true  => boom  => all good => ERROR => false => policy error: boom
          """)
  void decides(
      String match, String rule, String message, Verdict verdict, boolean pass, String reason) {
    Evaluation evaluation =
        PolicyEvaluator.evaluate(
            "two-approvals",
            Fixed.of(ResultType.BOOL, match),
            Fixed.of(ResultType.BOOL, rule),
            Fixed.of(ResultType.STRING, message),
            BINDINGS);

    assertThat(evaluation)
        .isEqualTo(new Evaluation(verdict, new Decision(pass, "two-approvals", reason)));
  }

  @Test
  void refusesAnExpressionOfTheWrongType() {
    Expression stringRule = Fixed.of(ResultType.STRING, "x");

    assertThatThrownBy(() -> PolicyEvaluator.evaluate("p", null, stringRule, null, BINDINGS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("rule must be a bool expression");
  }
}
