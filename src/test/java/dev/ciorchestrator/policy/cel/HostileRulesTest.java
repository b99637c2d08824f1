package dev.ciorchestrator.policy.cel;

import static dev.ciorchestrator.policy.cel.Fixtures.compiled;
import static dev.ciorchestrator.policy.cel.Fixtures.problems;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.ciorchestrator.domain.Change;
import dev.ciorchestrator.domain.JobStatus;
import dev.ciorchestrator.policy.Bindings;
import dev.ciorchestrator.policy.ExpressionProblem;
import dev.ciorchestrator.policy.PolicyException;
import dev.ciorchestrator.policy.ResultType;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Rules written to hurt the controller (issue 11 §7) end as a policy error naming the bound they
 * hit, never as a hang, an {@link OutOfMemoryError} or a minutes-long call. How long each takes to
 * fail is measured by {@code bench/HostileRuleBench}, not asserted here.
 */
class HostileRulesTest {
  private static final Duration HANG_GUARD = Duration.ofSeconds(60);

  // Only the bound under test can trip, never the time limit on a loaded machine.
  private static final CelPolicyEngine UNTIMED =
      new CelPolicyEngine(CelLimits.DEFAULT.withTimeLimit(Duration.ofSeconds(20)));
  private static final CelPolicyEngine DEFAULT = new CelPolicyEngine();

  /** 1,048,576 characters: 'a' grown fourfold ten times. */
  static final String MEBI = "('a'" + ".replace('a', 'aaaa')".repeat(10) + ")";

  /** A title of 200,000 'a', and the author 'carol'. */
  static final Bindings LONG_TITLE = withTitle("a".repeat(200_000));

  /** 100,000 'a' then 'b': found nowhere, after comparing 100,000 characters at each place. */
  static final String NEEDLE = "(change.title.substring(100000) + 'b')";

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiterString = "=>",
      quoteCharacter = '"',
      textBlock =
          """
          lists.range(100).all(a, lists.range(100).all(b, lists.range(100).all(c, a + b + c >= 0))) => evaluation exceeded the 10000-iteration budget
          lists.range(10000).map(i, lists.range(10000)).size() > 0            => evaluation exceeded the allocation budget of 32 MiB
          lists.range(5000).map(i, change.title).size() > 0                   => evaluation exceeded the allocation budget of 32 MiB
          lists.range(5000).map(i, [change.title, change.title]).size() > 0   => evaluation exceeded the allocation budget of 32 MiB
          lists.range(5000).map(i, change.title).distinct().size() > 0        => evaluation exceeded the allocation budget of 32 MiB
          lists.range(5000).map(i, {'t': change.title}).size() > 0            => evaluation exceeded the allocation budget of 32 MiB
          change.title.split('').size() > 0 && change.title.split('').size() > 0 && change.title.split('').size() > 0 && change.title.split('').size() > 0 && change.title.split('').size() > 0 && change.title.split('').size() > 0 && change.title.split('').size() > 0 => evaluation exceeded the allocation budget of 32 MiB
          change.title.matches(change.author + '((a{1000}){1000}){1000}')     => evaluation error at character 21: regex `carol((a{1000}){1000}){1000}` is too large: it compiles to about 1002002005 instructions, more than the limit of 10000 (nested repetitions multiply)
          regex.extractAll(change.title, change.author + '(x{100}){101}').size() > 0 => evaluation error at character 17: regex `carol(x{100}){101}` is too large: it compiles to about 10307 instructions, more than the limit of 10000 (nested repetitions multiply)
          """)
  void aRuleThatWouldExhaustMemoryOrIterateForeverIsAPolicyError(String rule, String error) {
    assertPolicyError(UNTIMED, rule, LONG_TITLE, error);
  }

  @Test
  void growingAStringPastTheResultSizeIsRefusedInOneCall() {
    assertPolicyError(
        UNTIMED,
        "size(" + MEBI + " + 'b') > 0",
        Fixtures.bindings(),
        "evaluation error at character 222: + would produce more than 1048576 characters");
    assertPolicyError(
        UNTIMED,
        "lists.range(100).map(i, " + MEBI + ".substring(i)).size() > 0",
        Fixtures.bindings(),
        "evaluation exceeded the allocation budget of 32 MiB");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiterString = "=>",
      quoteCharacter = '"',
      textBlock =
          """
          change.title.contains(NEEDLE)
          change.title.indexOf(NEEDLE) >= 0
          change.title.lastIndexOf(NEEDLE) >= 0
          change.title.split(NEEDLE).size() > 1
          change.title.replace(NEEDLE, 'x') != change.title
          change.title.matches('[a-z]{1000}b')
          regex.replace(change.title, '(a|aa){1000}b', 'x') != change.title
          (change.title.contains(NEEDLE)) || true
          """)
  void aSingleCallThatWouldRunForSecondsEndsAtTheTimeLimit(String rule) {
    assertPolicyError(
        DEFAULT,
        rule.replace("NEEDLE", NEEDLE),
        LONG_TITLE,
        "evaluation exceeded the 100 ms time limit");
  }

  @Test
  void aRegexBombIsALoadErrorAtItsPattern() {
    assertThat(
            problems(UNTIMED, "!change.title.matches('((a{1000}){1000}){1000}')", ResultType.BOOL))
        .containsExactly(
            new ExpressionProblem(
                1,
                23,
                "regex `((a{1000}){1000}){1000}` is too large: it compiles to about 1002002000"
                    + " instructions, more than the limit of 10000 (nested repetitions multiply)"));
  }

  @Test
  void theSameBuiltInsStillAnswerOrdinaryRules() throws PolicyException {
    String rule =
        "change.title.contains('aaa') && change.title.indexOf('a', 5) == 5"
            + " && change.title.lastIndexOf('aa') == 199998 && change.title.matches('^a+$')"
            + " && change.title.split('a', 3).size() == 3 && size(change.title + 'b') == 200001"
            + " && lists.range(3).map(i, [i]).flatten() == [0, 1, 2]";
    // correctness, not speed: under a loaded machine the default wall-clock cap could end it
    assertThat(compiled(UNTIMED, rule, ResultType.BOOL).evaluate(LONG_TITLE)).isEqualTo(true);
  }

  private static void assertPolicyError(
      CelPolicyEngine engine, String rule, Bindings bindings, String error) {
    var expression = compiled(engine, rule, ResultType.BOOL);
    assertTimeoutPreemptively(
        HANG_GUARD,
        () ->
            assertThatThrownBy(() -> expression.evaluate(bindings))
                .isInstanceOf(PolicyException.class)
                .hasMessage(error));
  }

  static Bindings withTitle(String title) {
    Change c = Fixtures.change();
    return Fixtures.bindings(
        Fixtures.change(title, c.author(), c.baseRef(), c.files()),
        Fixtures.jobs(3, JobStatus.SUCCESS));
  }
}
