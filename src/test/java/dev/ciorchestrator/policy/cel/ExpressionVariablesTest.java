package dev.ciorchestrator.policy.cel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.domain.JobStatus;
import dev.ciorchestrator.policy.Bindings;
import dev.ciorchestrator.policy.Expression;
import dev.ciorchestrator.policy.ResultType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Which variables an expression reads, the key a memo of verdicts relies on; and the evaluation
 * shortcuts (converted bindings reused, the jobs map never re-walked) change no result.
 */
class ExpressionVariablesTest {
  private final CelPolicyEngine engine = new CelPolicyEngine();

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "size(change.approvals) >= 2 | change",
        "jobs.all(j, jobs[j].required) | jobs",
        "now - change.updatedAt < duration('1h') | change now",
        "repo.name == 'a/b' && has(jobs.lint) | jobs repo",
        "[1, 2].all(x, x > 0) | ''",
        "[1, 2].exists(change, change > 1) | change",
      })
  void namesExactlyTheVariablesTheExpressionReads(String source, String variables) {
    Expression e = Fixtures.compiled(engine, source, ResultType.BOOL);

    assertThat(e.variables())
        .containsExactlyInAnyOrder(variables.isEmpty() ? new String[0] : variables.split(" "));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "size(change.approvals) >= 2 | change.approvals",
        "!change.draft && !('hold' in change.labels) | change.draft change.labels",
        "jobs.all(j, jobs[j].required) | jobs",
        "has(jobs.lint) && jobs.lint.status == 'success' | jobs.lint",
        "now - change.updatedAt < duration('1h') | change.updatedAt now",
        "change == change | change",
        "repo.name == 'a/b' | repo.name",
        "[1, 2].all(x, x > 0) | ''",
      })
  void readsNamesTheFieldsSelectedAndTheVariablesUsedWhole(String source, String reads) {
    Expression e = Fixtures.compiled(engine, source, ResultType.BOOL);

    assertThat(e.reads())
        .containsExactlyInAnyOrder(reads.isEmpty() ? new String[0] : reads.split(" "));
  }

  @Test
  void bindingsEvaluatedAgainGiveTheSameResults() throws Exception {
    Bindings bindings = Fixtures.bindings(Fixtures.change(), Fixtures.jobs(50, JobStatus.SUCCESS));
    Bindings failing = Fixtures.bindings(Fixtures.change(), Fixtures.jobs(50, JobStatus.FAILURE));
    Expression all =
        Fixtures.compiled(engine, "jobs.all(j, jobs[j].status == 'success')", ResultType.BOOL);
    Expression names =
        Fixtures.compiled(
            engine, "jobs.filter(j, jobs[j].status != 'success').join(',')", ResultType.STRING);

    for (int i = 0; i < 3; i++) {
      assertThat(all.evaluate(bindings)).isEqualTo(true);
      assertThat(all.evaluate(failing)).isEqualTo(false);
      assertThat(names.evaluate(bindings)).isEqualTo("");
    }
    assertThat((String) names.evaluate(failing)).startsWith("job-").contains(",");
    assertThat(
            Fixtures.compiled(engine, "jobs == jobs && size(jobs) == 50", ResultType.BOOL)
                .evaluate(bindings))
        .isEqualTo(true);
  }
}
