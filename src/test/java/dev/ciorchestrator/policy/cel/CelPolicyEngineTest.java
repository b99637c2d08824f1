package dev.ciorchestrator.policy.cel;

import static dev.ciorchestrator.policy.cel.Fixtures.bindings;
import static dev.ciorchestrator.policy.cel.Fixtures.compiled;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.domain.JobStatus;
import dev.ciorchestrator.policy.Bindings.JobView;
import dev.ciorchestrator.policy.PolicyException;
import dev.ciorchestrator.policy.ResultType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CelPolicyEngineTest {
  private static final CelPolicyEngine ENGINE = new CelPolicyEngine();

  @ParameterizedTest(name = "{0} == {1}")
  @CsvSource(
      delimiterString = "=>",
      quoteCharacter = '"',
      textBlock =
          """
          size(change.approvals) >= 2                                             => true
          size(change.approvals) >= 3                                             => false
          jobs.all(j, !jobs[j].required || jobs[j].status == 'success')           => true
          jobs.exists(j, jobs[j].status == 'failure')                             => false
          !('hold' in change.labels)                                              => true
          change.files.exists(f, f.matches('^docs/'))                             => true
          change.files.all(f, f.startsWith('docs/'))                              => false
          now - change.createdAt > duration('1h')                                 => true
          now - change.updatedAt > duration('1h')                                 => false
          change.number == 42 && !change.draft && change.mergeable                => true
          repo.name == 'demo/hello-go' && change.baseRef == repo.defaultBranch    => true
          'a,b'.split(',') == ['a', 'b']                                          => true
          sets.contains(change.approvals, ['alice'])                              => true
          math.greatest(1, 5, 3) == 5                                             => true
          lists.range(3) == [0, 1, 2]                                             => true
          change.title.lowerAscii().contains('retries')                           => true
          optional.of(change.title).orValue('') == 'Add retries'                  => true
          regex.extract(change.headRef, 'feature/(.*)').orValue('') == 'retries' => true
          has(change.title) && has(jobs.x)                                        => false
          change.?title.orValue('') == 'Add retries'                              => true
          !jobs[?'lint'].hasValue() && jobs[?'job-0'].hasValue()                  => true
          dyn(change).title == 'Add retries'                                      => true
          jobs.filter(j, jobs[j].status == 'success').size() == 3                 => true
          'job-0' in jobs && !('lint' in jobs) && size(jobs) == 3                 => true
          jobs.exists_one(j, j == 'job-1') && jobs.map(j, j).sort()[2] == 'job-2' => true
          jobs == jobs && jobs != {} && jobs['job-0'] == jobs['job-1']            => true
          """)
  void evaluatesRealisticRules(String rule, boolean expected) throws PolicyException {
    assertThat(compiled(ENGINE, rule, ResultType.BOOL).evaluate(bindings())).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiterString = "=>",
      quoteCharacter = '"',
      textBlock =
          """
          'needs 2 approvals, has ' + string(size(change.approvals)) => needs 2 approvals, has 2
          change.author + ' on ' + repo.name                         => carol on demo/hello-go
          ['x', 'y'].join('+')                                       => x+y
          """)
  void evaluatesMessages(String message, String expected) throws PolicyException {
    assertThat(compiled(ENGINE, message, ResultType.STRING).evaluate(bindings()))
        .isEqualTo(expected);
  }

  @Test
  void iteratesJobsInNameOrderWhateverOrderTheyCameIn() throws PolicyException {
    Map<String, JobView> jobs = new LinkedHashMap<>();
    for (String name : List.of("zeta", "mu", "alpha", "omega", "beta", "kappa", "delta")) {
      jobs.put(name, new JobView(JobStatus.SUCCESS, true));
    }

    assertThat(
            compiled(ENGINE, "jobs.map(j, j).join(',')", ResultType.STRING)
                .evaluate(Fixtures.bindings(Fixtures.change(), jobs)))
        .isEqualTo("alpha,beta,delta,kappa,mu,omega,zeta");
  }
}
