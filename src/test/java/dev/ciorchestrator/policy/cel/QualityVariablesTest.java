package dev.ciorchestrator.policy.cel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.domain.JobStatus;
import dev.ciorchestrator.domain.RunResults;
import dev.ciorchestrator.domain.RunResults.FindingCounts;
import dev.ciorchestrator.domain.RunResults.TestCounts;
import dev.ciorchestrator.policy.Bindings.JobView;
import dev.ciorchestrator.policy.ResultType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code jobs[j].tier}, {@code .tests} and {@code .findings}, and how a rule sees their absence.
 */
class QualityVariablesTest {
  private static final CelPolicyEngine ENGINE = new CelPolicyEngine();

  private static final Map<String, JobView> JOBS =
      Map.of(
          "unit",
          new JobView(
              JobStatus.SUCCESS,
              true,
              "unit",
              new RunResults(
                  new TestCounts(10, 0, 2), null, List.of(), List.of(), List.of(), List.of())),
          "lint",
          new JobView(
              JobStatus.FAILURE,
              false,
              "static",
              new RunResults(
                  null, new FindingCounts(1, 3, 0), List.of(), List.of(), List.of(), List.of())),
          "build",
          new JobView(JobStatus.SUCCESS, true));

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiterString = "=>",
      quoteCharacter = '"',
      textBlock =
          """
          jobs.unit.tests.passed == 10 && jobs.unit.tests.skipped == 2 => true
          jobs.unit.tier == 'unit' && jobs.build.tier == '' => true
          has(jobs.unit.tests) && !has(jobs.unit.findings) => true
          !has(jobs.build.tests) && !has(jobs.build.findings) => true
          jobs.lint.findings.error == 0 => false
          jobs.all(j, !has(jobs[j].findings) || jobs[j].findings.error == 0) => false
          jobs.all(j, jobs[j].tier != 'unit' || jobs[j].status == 'success') => true
          jobs.exists(j, has(jobs[j].tests) && jobs[j].tests.failed > 0) => false
          """)
  void rulesSeeTiersCountsAndTheirAbsence(String rule, boolean expected) throws Exception {
    assertThat(
            Fixtures.compiled(ENGINE, rule, ResultType.BOOL)
                .evaluate(Fixtures.bindings(Fixtures.change(), JOBS)))
        .isEqualTo(expected);
  }
}
