package dev.ciorchestrator.policy.cel;

import static dev.ciorchestrator.policy.cel.Fixtures.bindings;
import static dev.ciorchestrator.policy.cel.Fixtures.compiled;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.ciorchestrator.policy.Expression;
import dev.ciorchestrator.policy.PolicyException;
import dev.ciorchestrator.policy.ResultType;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every bound turns into a PolicyException with a clear message, never a hang or a crash. */
class LimitsTest {
  private static final Duration HANG_GUARD = Duration.ofSeconds(30);

  // A time limit no iteration test can reach, so that only the iteration budget can trip.
  private static final CelPolicyEngine UNTIMED =
      new CelPolicyEngine(CelLimits.DEFAULT.withTimeLimit(Duration.ofSeconds(20)));

  // Millions of iterations: far more than a 1 ms budget allows on any machine.
  private static final String HEAVY =
      "lists.range(3000).map(x, lists.range(1000).filter(y, y % 7 == x % 7)).size() > 0";

  @ParameterizedTest
  @ValueSource(
      strings = {
        "lists.range(1000).all(x, lists.range(1000).all(y, x + y >= 0))",
        "[1,2,3,4,5,6,7,8,9,10].all(a, [1,2,3,4,5,6,7,8,9,10].all(b,"
            + " [1,2,3,4,5,6,7,8,9,10].all(c, [1,2,3,4,5,6,7,8,9,10].all(d, a + b + c + d > 0))))",
        "change.files.all(f, lists.range(9999).exists(i, i < 0))",
      })
  void anIterationBombExceedsTheBudget(String bomb) {
    Expression expression = compiled(UNTIMED, bomb, ResultType.BOOL);

    assertTimeoutPreemptively(
        HANG_GUARD,
        () ->
            assertThatThrownBy(() -> expression.evaluate(bindings()))
                .isInstanceOf(PolicyException.class)
                .hasMessage("evaluation exceeded the 10000-iteration budget"));
  }

  @Test
  void theBudgetCountsIterationsOfTheWholeEvaluation() throws PolicyException {
    CelPolicyEngine engine = new CelPolicyEngine(UNTIMED.limits().withMaxIterations(100));

    assertThat(
            compiled(engine, "lists.range(100).all(x, x >= 0)", ResultType.BOOL)
                .evaluate(bindings()))
        .isEqualTo(true);
    assertThatThrownBy(
            () ->
                compiled(
                        engine,
                        "lists.range(60).all(x, x >= 0) && lists.range(60).all(x, x >= 0)",
                        ResultType.BOOL)
                    .evaluate(bindings()))
        .hasMessage("evaluation exceeded the 100-iteration budget");
  }

  @Test
  void aLongEvaluationExceedsTheTimeLimit() {
    Expression expression = heavyWithTinyTimeLimit(HEAVY);

    assertTimeoutPreemptively(
        HANG_GUARD,
        () ->
            assertThatThrownBy(() -> expression.evaluate(bindings()))
                .isInstanceOf(PolicyException.class)
                .hasMessage("evaluation exceeded the 1 ms time limit"));
  }

  @Test
  void aTimeLimitBreachIsReportedEvenWhenTheExpressionCouldAbsorbIt() {
    // `||` and `exists` treat an error on one side as absorbable when the other side is true.
    Expression expression = heavyWithTinyTimeLimit("(" + HEAVY + ") || true");

    assertTimeoutPreemptively(
        HANG_GUARD,
        () ->
            assertThatThrownBy(() -> expression.evaluate(bindings()))
                .hasMessage("evaluation exceeded the 1 ms time limit"));
  }

  @Test
  void aFewCostlyCallsExceedTheTimeLimitToo() {
    // A few dozen nodes, each a call within the size bound on a string of up to 1M characters.
    String rule =
        "size('a'"
            + ".replace('a', 'aaaa')".repeat(10)
            + ".replace('aaaa', 'a').replace('a', 'aaaa')".repeat(8)
            + ") > 0";
    Expression expression = heavyWithTinyTimeLimit(rule);

    assertTimeoutPreemptively(
        HANG_GUARD,
        () ->
            assertThatThrownBy(() -> expression.evaluate(bindings()))
                .hasMessage("evaluation exceeded the 1 ms time limit"));
  }

  @Test
  void listsRangeCannotAllocateBeyondTheBudget() {
    Expression expression = compiled(UNTIMED, "size(lists.range(2000000000)) > 0", ResultType.BOOL);

    assertThatThrownBy(() -> expression.evaluate(bindings()))
        .isInstanceOf(PolicyException.class)
        .hasMessageContaining("lists.range(2000000000) exceeds the 10000-element limit");
  }

  private static Expression heavyWithTinyTimeLimit(String source) {
    CelLimits limits =
        CelLimits.DEFAULT.withMaxIterations(100_000_000).withTimeLimit(Duration.ofMillis(1));
    return compiled(new CelPolicyEngine(limits), source, ResultType.BOOL);
  }
}
