package dev.ciorchestrator.policy.cel;

import static dev.ciorchestrator.policy.cel.Fixtures.bindings;
import static dev.ciorchestrator.policy.cel.Fixtures.compiled;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ciorchestrator.policy.PolicyException;
import dev.ciorchestrator.policy.ResultType;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Built-ins whose one call can cost far more than its arguments refuse before doing the work; the
 * deadline, checked between nodes, could not stop them.
 */
class BuiltInBoundsTest {
  // Only the bounds under test can trip, never the time limit on a loaded machine.
  private static final CelLimits UNTIMED = CelLimits.DEFAULT.withTimeLimit(Duration.ofSeconds(20));
  private static final CelPolicyEngine ENGINE = new CelPolicyEngine(UNTIMED);
  private static final CelPolicyEngine TINY = new CelPolicyEngine(UNTIMED.withMaxResultSize(5));

  // 'a' grown fourfold ten times is 1048576 characters: exactly the default bound.
  private static final String MEBI_A = "'a'" + ".replace('a', 'aaaa')".repeat(10);

  @Test
  void replaceMayReachTheBoundButNotPassIt() throws PolicyException {
    assertThat(evaluate(ENGINE, "size(" + MEBI_A + ") == 1048576")).isEqualTo(true);

    assertThatThrownBy(() -> evaluate(ENGINE, "size(" + MEBI_A + ".replace('a', 'aa')) > 0"))
        .isInstanceOf(PolicyException.class)
        .hasMessage(
            "evaluation error at character 227: replace would produce more than 1048576"
                + " characters");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiterString = "=>",
      quoteCharacter = '"',
      textBlock =
          """
          'aaaa'.replace('a', 'xx', 2) == ''            => evaluation error at character 15: replace would produce more than 5 characters
          'abc'.replace('', '-') == ''                  => evaluation error at character 14: replace would produce more than 5 characters
          ['abc', 'def'].join() == ''                   => evaluation error at character 20: join would produce more than 5 characters
          ['ab', 'cd', 'ef'].join('') == ''             => evaluation error at character 24: join would produce more than 5 characters
          regex.replace('abcb', 'b', 'xx') == ''        => evaluation error at character 14: regex.replace would produce more than 5 characters
          regex.replace('abc', '(b)', '\\\\1\\\\1\\\\1\\\\1') == '' => evaluation error at character 14: regex.replace would produce more than 5 characters
          regex.replace('aaaa', 'a', 'xx', 2) == ''     => evaluation error at character 14: regex.replace would produce more than 5 characters
          """)
  void aCallThatWouldGrowPastTheBoundIsRefused(String rule, String message) {
    assertThatThrownBy(() -> evaluate(TINY, rule))
        .isInstanceOf(PolicyException.class)
        .hasMessage(message);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiterString = "=>",
      quoteCharacter = '"',
      textBlock =
          """
          'aaaa'.replace('a', 'xx', 1) == 'xxaaa'            => true
          'aaaaaaa'.replace('a', 'b') == 'bbbbbbb'           => true
          'aaaaaaa'.replace('aa', 'xxx', 0) == 'aaaaaaa'     => true
          ['ab', 'cd'].join('-') == 'ab-cd'                  => true
          regex.replace('abc', '(b)', '\\\\1\\\\1\\\\1') == 'abbbc' => true
          regex.replace('aaaaaaa', 'a+', 'b') == 'b'         => true
          """)
  void aCallWithinTheBoundGivesTheStockResult(String rule, boolean expected)
      throws PolicyException {
    assertThat(evaluate(TINY, rule)).isEqualTo(expected);
  }

  @Test
  void callsAreBoundedWhenTheCheckerLeavesTheOverloadToRunTime() {
    // dyn() makes the runtime pick the overload by name, through a second binding.
    assertThatThrownBy(() -> evaluate(TINY, "dyn('aaaa').replace('a', 'xx') == ''"))
        .hasMessage(
            "evaluation error at character 20: replace would produce more than 5 characters");
    assertThatThrownBy(() -> evaluate(TINY, "dyn(['abc', 'def']).join() == ''"))
        .hasMessage("evaluation error at character 25: join would produce more than 5 characters");
  }

  private static Object evaluate(CelPolicyEngine engine, String rule) throws PolicyException {
    return compiled(engine, rule, ResultType.BOOL).evaluate(bindings());
  }
}
