package dev.ciorchestrator.policy.cel;

import static dev.ciorchestrator.policy.cel.Fixtures.bindings;
import static dev.ciorchestrator.policy.cel.Fixtures.compiled;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ciorchestrator.domain.JobStatus;
import dev.ciorchestrator.policy.Bindings;
import dev.ciorchestrator.policy.Bindings.JobView;
import dev.ciorchestrator.policy.PolicyException;
import dev.ciorchestrator.policy.ResultType;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Runtime failures and odd inputs come back as a PolicyException that names the problem. */
class EvaluationErrorsTest {
  private static final CelPolicyEngine ENGINE = new CelPolicyEngine();

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiterString = "=>",
      quoteCharacter = '"',
      textBlock =
          """
          1 / (size(change.labels) - 1) == 0 => evaluation error at character 3: / by zero
          jobs['lint'].status == 'success'   => evaluation error at character 5: no such key: lint
          change.labels[5] == 'x'            => evaluation error at character 14: Index out of bounds: 5
          int(change.title) > 0              => evaluation error at character 4: For input string: "Add retries"
          change.title.matches(change.author + '(') => evaluation error at character 21: error parsing regexp: missing closing ): `carol(`
          """)
  void runtimeErrorsNameTheProblem(String rule, String message) {
    assertThatThrownBy(() -> compiled(ENGINE, rule, ResultType.BOOL).evaluate(bindings()))
        .isInstanceOf(PolicyException.class)
        .hasMessage(message);
  }

  @Test
  void widensIntegersToCelInts() throws PolicyException {
    Map<String, Object> change = new HashMap<>(Bindings.changeDefaults());
    change.put("number", 7);
    Bindings bindings = new Bindings(change, Map.of(), Bindings.repoMap("r", "main"), Fixtures.NOW);

    assertThat(compiled(ENGINE, "change.number == 7", ResultType.BOOL).evaluate(bindings))
        .isEqualTo(true);
  }

  @Test
  void refusesANestedNullAndNamesItsPath() {
    Map<String, Object> job = new HashMap<>();
    job.put("status", null);
    job.put("required", true);
    Bindings bindings =
        new Bindings(
            Bindings.changeDefaults(),
            Map.of("lint", job),
            Bindings.repoMap("r", "main"),
            Fixtures.NOW);

    assertThatThrownBy(() -> compiled(ENGINE, "true", ResultType.BOOL).evaluate(bindings))
        .isInstanceOf(PolicyException.class)
        .hasMessage("binding 'jobs.lint.status' is null; CEL has no place for Java null");
  }

  @Test
  void refusesValuesOfUnsupportedTypes() {
    Map<String, Object> change = new HashMap<>(Bindings.changeDefaults());
    change.put("labels", List.of("ok", BigInteger.ONE));
    Bindings bindings = new Bindings(change, Map.of(), Bindings.repoMap("r", "main"), Fixtures.NOW);

    assertThatThrownBy(() -> compiled(ENGINE, "true", ResultType.BOOL).evaluate(bindings))
        .hasMessage("binding 'change.labels[1]' has unsupported type java.math.BigInteger");
  }

  @Test
  void aMissingFieldIsAnEvaluationError() {
    Map<String, Object> change = new HashMap<>(Bindings.changeDefaults());
    change.remove("title");
    Bindings bindings = new Bindings(change, Map.of(), Bindings.repoMap("r", "main"), Fixtures.NOW);

    assertThatThrownBy(
            () -> compiled(ENGINE, "change.title == ''", ResultType.BOOL).evaluate(bindings))
        .hasMessage(
            "evaluation error at character 7: ciorchestrator.Change has no value for 'title'");
  }

  @Test
  void structValuesCompare() throws PolicyException {
    assertThat(
            compiled(ENGINE, "jobs['job-0'] == jobs['job-1'] && has(change.title)", ResultType.BOOL)
                .evaluate(bindings()))
        .isEqualTo(true);
    assertThat(
            compiled(ENGINE, "jobs['job-0'] == jobs['job-1']", ResultType.BOOL)
                .evaluate(
                    Fixtures.bindings(
                        Fixtures.change(),
                        Map.of(
                            "job-0", new JobView(JobStatus.SUCCESS, true),
                            "job-1", new JobView(JobStatus.FAILURE, true)))))
        .isEqualTo(false);
  }
}
