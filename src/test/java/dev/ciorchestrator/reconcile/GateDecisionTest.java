package dev.ciorchestrator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import dev.ciorchestrator.domain.Decision;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GateDecisionTest {
  private static final Decision JOBS = Decision.pass("required-jobs", "all required jobs passed");
  private static final Decision APPROVALS =
      Decision.fail("two-approvals", "needs 2 approvals, has 0");
  private static final Decision HOLD = Decision.fail("no-hold", "change is on hold");

  static Stream<Arguments> rows() {
    return Stream.of(
        argumentSet("all pass", List.of(JOBS), "passed: required-jobs"),
        argumentSet(
            "every failure named, passes left out",
            List.of(JOBS, APPROVALS, HOLD),
            "two-approvals: needs 2 approvals, has 0; no-hold: change is on hold"),
        argumentSet("failure without reason", List.of(Decision.fail("quiet", null)), "quiet"));
  }

  @ParameterizedTest
  @MethodSource("rows")
  void summaryNamesEveryFailingPolicy(List<Decision> decisions, String summary) {
    GateDecision gate = GateDecision.of(decisions);

    assertThat(gate.summary()).isEqualTo(summary);
    assertThat(gate.pass()).isEqualTo(gate.failing().isEmpty());
  }

  @Test
  void aPolicyRepeatingRequiredJobsIsShownOnceWithIt() {
    Decision jobs = Decision.fail("required-jobs", "go-test is running");
    Decision green = Decision.fail("jobs-green", "waiting for required jobs: go-test running");

    GateDecision gate = GateDecision.of(List.of(jobs, APPROVALS, green), Set.of("jobs-green"));

    assertThat(gate.summary())
        .isEqualTo(
            "required-jobs, jobs-green: go-test is running; two-approvals: needs 2 approvals, has 0");
    assertThat(gate.failing()).hasSize(3);
  }

  @Test
  void aRepeatThatPassesIsNotFolded() {
    Decision jobs = Decision.fail("required-jobs", "go-test is running");
    Decision green = Decision.pass("jobs-green", "");

    assertThat(GateDecision.of(List.of(jobs, green), Set.of("jobs-green")).summary())
        .isEqualTo("required-jobs: go-test is running");
  }

  @Test
  void passMustAgreeWithTheDecisions() {
    assertThatThrownBy(() -> new GateDecision(true, List.of(JOBS, HOLD)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
