package dev.ciorchestrator.policy.cel;

import static dev.ciorchestrator.policy.cel.Fixtures.bindings;
import static dev.ciorchestrator.policy.cel.Fixtures.compiled;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ciorchestrator.domain.Change;
import dev.ciorchestrator.domain.JobStatus;
import dev.ciorchestrator.policy.Bindings;
import dev.ciorchestrator.policy.PolicyException;
import dev.ciorchestrator.policy.ResultType;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
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
          [[1, 2], [3, 4]].flatten() == []              => evaluation error at character 25: flatten would go through more than 5 elements
          [[], [], [], [], [], []].flatten() == []      => evaluation error at character 33: flatten would go through more than 5 elements
          [[[1]], [[2]]].flatten(2) == []               => evaluation error at character 23: flatten would go through more than 5 elements
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
          [[1, 2], 3].flatten() == [1, 2, 3]                 => true
          [[[1]], [2]].flatten(2) == [1, 2]                  => true
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
    assertThatThrownBy(() -> evaluate(TINY, "dyn([[1, 2], [3, 4]]).flatten() == []"))
        .hasMessage(
            "evaluation error at character 30: flatten would go through more than 5 elements");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiterString = "=>",
      quoteCharacter = '"',
      textBlock =
          """
          sets.contains(lists.range(200), lists.range(100))   => evaluation error at character 14: sets.contains would compare up to 20000 pairs of elements, more than the 10000-iteration budget
          sets.equivalent(lists.range(100), lists.range(60))  => evaluation error at character 16: sets.equivalent would compare up to 12000 pairs of elements, more than the 10000-iteration budget
          sets.intersects(lists.range(101), lists.range(100)) => evaluation error at character 16: sets.intersects would compare up to 10100 pairs of elements, more than the 10000-iteration budget
          sets.contains(dyn(lists.range(200)), dyn(lists.range(100))) => evaluation error at character 14: sets.contains would compare up to 20000 pairs of elements, more than the 10000-iteration budget
          """)
  void setsCountTheirComparisonsAgainstTheIterationBudget(String rule, String message) {
    assertThatThrownBy(() -> evaluate(ENGINE, rule))
        .isInstanceOf(PolicyException.class)
        .hasMessage(message);
  }

  @Test
  void setsWithinTheBudgetGiveTheStockResult() throws PolicyException {
    assertThat(evaluate(ENGINE, "sets.contains(lists.range(100), lists.range(100))"))
        .isEqualTo(true);
    assertThat(evaluate(ENGINE, "sets.contains([1, [2], {'a': 3}], [{'a': 3}, [2]])"))
        .isEqualTo(true);
    assertThat(evaluate(ENGINE, "sets.equivalent([1, 1, 2], [2, 1])")).isEqualTo(true);
    assertThat(evaluate(ENGINE, "sets.intersects(lists.range(50), [49, 50])")).isEqualTo(true);
  }

  @Test
  void setsOfStringsAreComparedInLinearTimeWithoutTheBudget() throws PolicyException {
    // 5000 × 5000 pairs: far beyond the budget if compared pairwise.
    List<String> files = IntStream.range(0, 5000).mapToObj(i -> "src/file" + i + ".go").toList();
    Bindings bigChange =
        bindings(withFiles(Fixtures.change(), files), Fixtures.jobs(1, JobStatus.SUCCESS));

    assertThat(evaluate(ENGINE, "sets.contains(change.files, change.files.reverse())", bigChange))
        .isEqualTo(true);
    assertThat(evaluate(ENGINE, "sets.equivalent(change.files, change.files + ['x'])", bigChange))
        .isEqualTo(false);
    assertThat(
            evaluate(
                ENGINE, "sets.intersects(change.files, ['go.mod', 'src/file4999.go'])", bigChange))
        .isEqualTo(true);
    assertThat(evaluate(ENGINE, "sets.contains(['a', 'b'], ['b', 'c'])")).isEqualTo(false);
  }

  private static Change withFiles(Change c, List<String> files) {
    return Fixtures.change(c.title(), c.author(), c.baseRef(), files);
  }

  private static Object evaluate(CelPolicyEngine engine, String rule) throws PolicyException {
    return evaluate(engine, rule, bindings());
  }

  private static Object evaluate(CelPolicyEngine engine, String rule, Bindings bindings)
      throws PolicyException {
    return compiled(engine, rule, ResultType.BOOL).evaluate(bindings);
  }
}
