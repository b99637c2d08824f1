package dev.ciorchestrator.policy.cel;

import static dev.ciorchestrator.policy.cel.Fixtures.problems;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.policy.ExpressionProblem;
import dev.ciorchestrator.policy.ResultType;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CompileErrorsTest {
  private static final CelPolicyEngine ENGINE = new CelPolicyEngine();

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiterString = "=>",
      quoteCharacter = '"',
      textBlock =
          """
          size(change.approvals) >=            => 1 => 26 => mismatched input '<EOF>'
          change.titel == 'x'                  => 1 => 7  => undefined field 'titel'
          jobs['go-test'].statu == 'success'   => 1 => 16 => undefined field 'statu'
          repo.owner == 'demo'                 => 1 => 5  => undefined field 'owner'
          chnage.draft                         => 1 => 1  => undeclared reference to 'chnage'
          change.title.shout() == 'X'          => 1 => 19 => undeclared reference to 'shout'
          size(change.labels) == 'two'         => 1 => 21 => found no matching overload for '_==_'
          """)
  void reportsProblemsAtTheirPosition(String rule, int line, int column, String message) {
    List<ExpressionProblem> problems = problems(ENGINE, rule, ResultType.BOOL);

    assertThat(problems)
        .first()
        .satisfies(
            p -> {
              assertThat(p.message()).contains(message);
              assertThat(p.line()).isEqualTo(line);
              assertThat(p.column()).isEqualTo(column);
            });
  }

  @Test
  void positionsAreOneBasedOnLaterLines() {
    assertThat(problems(ENGINE, "!change.draft &&\n  change.titel == ''", ResultType.BOOL))
        .containsExactly(
            new ExpressionProblem(2, 9, "undefined field 'titel' (did you mean 'title'?)"));
  }

  @ParameterizedTest(name = "{0} as {1}")
  @CsvSource(
      delimiterString = "=>",
      quoteCharacter = '"',
      textBlock =
          """
          change.title                  => BOOL   => expression must be bool, but is string
          size(change.labels)           => BOOL   => expression must be bool, but is int
          change.labels                 => BOOL   => expression must be bool, but is list(string)
          dyn(change.draft)             => BOOL   => expression must be bool, but is dyn
          change.draft                  => STRING => expression must be string, but is bool
          'has ' + change.approvals     => STRING => found no matching overload for '_+_'
          """)
  void checksTheResultType(String source, ResultType type, String message) {
    assertThat(problems(ENGINE, source, type))
        .extracting(ExpressionProblem::message)
        .anySatisfy(m -> assertThat(m).contains(message));
  }

  @Test
  void refusesExpressionsNestedBeyondTheDepthLimit() {
    String sum = "1" + " + 1".repeat(60) + " == 61";
    String lists = "size(" + "[".repeat(60) + "1" + "]".repeat(60) + ") == 1";
    String parens = "(".repeat(4_000) + "true" + ")".repeat(4_000);

    assertThat(problems(ENGINE, lists, ResultType.BOOL))
        .extracting(ExpressionProblem::message)
        .containsExactly("expression is nested more than 50 levels deep");
    // Deep enough to overflow a recursive parser's stack if the parser's own limit did not stop it.
    assertThat(problems(ENGINE, parens, ResultType.BOOL))
        .extracting(ExpressionProblem::message)
        .containsExactly("Expression recursion limit exceeded. limit: 250");
  }

  @Test
  void refusesExpressionsLongerThanTheLengthLimit() {
    String longRule = "change.title == '" + "x".repeat(10_000) + "'";

    assertThat(problems(ENGINE, longRule, ResultType.BOOL))
        .containsExactly(
            new ExpressionProblem(
                0, 0, "expression is 10018 characters long, more than the limit of 10000"));
  }

  @Test
  void ourStructTypesCannotBeConstructed() {
    // They describe bindings; a rule has no use for building one, and the runtime could not.
    assertThat(problems(ENGINE, "ciorchestrator.Repo{name: 'x'}.name == 'x'", ResultType.BOOL))
        .extracting(ExpressionProblem::message)
        .containsExactly(
            "cannot construct ciorchestrator.Repo values; only the variables change, jobs, repo"
                + " and now have them");
  }

  @Test
  void reportsEveryProblemAtOnce() {
    assertThat(problems(ENGINE, "change.titel == '' && repo.nam == ''", ResultType.BOOL))
        .extracting(ExpressionProblem::message)
        .containsExactly(
            "undefined field 'titel' (did you mean 'title'?)",
            "undefined field 'nam' (did you mean 'name'?)");
  }
}
