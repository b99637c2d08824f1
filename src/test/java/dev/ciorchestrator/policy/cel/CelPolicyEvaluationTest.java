package dev.ciorchestrator.policy.cel;

import static dev.ciorchestrator.policy.cel.Fixtures.compiled;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.domain.Change;
import dev.ciorchestrator.domain.JobStatus;
import dev.ciorchestrator.policy.Evaluation;
import dev.ciorchestrator.policy.Evaluation.Verdict;
import dev.ciorchestrator.policy.Expression;
import dev.ciorchestrator.policy.PolicyEvaluator;
import dev.ciorchestrator.policy.ResultType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The two-approvals policy of DESIGN.md, end to end through the CEL engine. */
class CelPolicyEvaluationTest {
  private static final CelPolicyEngine ENGINE = new CelPolicyEngine();
  private static final Expression MATCH =
      compiled(ENGINE, "change.baseRef == 'main'", ResultType.BOOL);
  private static final Expression RULE =
      compiled(ENGINE, "size(change.approvals) >= 2", ResultType.BOOL);
  private static final Expression MESSAGE =
      compiled(
          ENGINE, "'needs 2 approvals, has ' + string(size(change.approvals))", ResultType.STRING);

  @Test
  void passesWithTwoApprovals() {
    assertThat(evaluate(Fixtures.change()).verdict()).isEqualTo(Verdict.PASS);
  }

  @Test
  void failsWithTheEvaluatedMessage() {
    Evaluation evaluation = evaluate(withApprovals(List.of("alice"), "main"));

    assertThat(evaluation.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(evaluation.decision().reason()).isEqualTo("needs 2 approvals, has 1");
  }

  @Test
  void skipsChangesToOtherBranches() {
    assertThat(evaluate(withApprovals(List.of(), "release-1")).verdict()).isEqualTo(Verdict.SKIP);
  }

  private static Evaluation evaluate(Change change) {
    return PolicyEvaluator.evaluate(
        "two-approvals",
        MATCH,
        RULE,
        MESSAGE,
        Fixtures.bindings(change, Fixtures.jobs(1, JobStatus.SUCCESS)));
  }

  private static Change withApprovals(List<String> approvals, String baseRef) {
    Change c = Fixtures.change();
    return new Change(
        c.repo(),
        c.number(),
        c.title(),
        c.author(),
        c.draft(),
        c.labels(),
        approvals,
        baseRef,
        c.baseSha(),
        c.headRef(),
        c.headSha(),
        c.files(),
        c.mergeable(),
        c.createdAt(),
        c.updatedAt());
  }
}
