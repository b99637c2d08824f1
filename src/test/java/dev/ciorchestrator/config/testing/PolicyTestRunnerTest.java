package dev.ciorchestrator.config.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.config.model.ConfigSnapshot;
import dev.ciorchestrator.config.model.Policy;
import dev.ciorchestrator.config.model.Policy.Expectation;
import dev.ciorchestrator.config.model.Policy.PolicyTest;
import dev.ciorchestrator.config.model.PolicyType;
import dev.ciorchestrator.config.model.SourcePosition;
import dev.ciorchestrator.policy.Compilation;
import dev.ciorchestrator.policy.Evaluation.Verdict;
import dev.ciorchestrator.policy.Expression;
import dev.ciorchestrator.policy.ResultType;
import dev.ciorchestrator.policy.cel.CelPolicyEngine;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class PolicyTestRunnerTest {
  private static final CelPolicyEngine ENGINE = new CelPolicyEngine();
  private static final SourcePosition AT = new SourcePosition("p.yaml", 3, 5);

  @Test
  void comparesTheVerdictWithTheExpectation() {
    Policy policy =
        policy(
            "!change.draft",
            "size(change.approvals) >= 1",
            "'needs an approval'",
            test("approved", Map.of("change", Map.of("approvals", List.of("alice"))), "PASS"),
            test("unapproved", Map.of(), "FAIL"),
            test("draft", Map.of("change", Map.of("draft", true)), "SKIP"),
            test("wrong", Map.of(), "PASS"));

    List<PolicyTestResult> results = PolicyTestRunner.run(snapshot(policy));

    assertThat(results)
        .extracting(PolicyTestResult::passed)
        .containsExactly(true, true, true, false);
    assertThat(results.get(3).mismatch()).isEqualTo("expected pass, got fail (needs an approval)");
    assertThat(results.get(3).source()).isEqualTo(AT);
  }

  @Test
  void aPassIsExplainedByTheRuleNotByTheFailureMessage() {
    Policy policy = policy(null, "true", "'needs an approval'", test("t", Map.of(), "FAIL"));

    PolicyTestResult result = PolicyTestRunner.run(snapshot(policy)).get(0);

    assertThat(result.mismatch()).isEqualTo("expected fail, got pass (rule is true)");
  }

  @Test
  void anEmptyInputSeesTheEmptyDefaults() {
    String allEmpty =
        "change.number == 0 && change.title == '' && !change.draft && change.labels == []"
            + " && change.files == [] && !change.mergeable && size(jobs) == 0"
            + " && repo.name == '' && repo.defaultBranch == ''"
            + " && now == timestamp('2026-01-01T00:00:00Z')";
    Policy policy = policy(null, allEmpty, null, test("empty", Map.of(), "PASS"));

    assertThat(PolicyTestRunner.run(snapshot(policy)).get(0).passed()).isTrue();
  }

  @Test
  void convertsYamlIntegersAndTimestamps() {
    String rule =
        "change.number == 42 && now - change.updatedAt == duration('1h')"
            + " && jobs['go-test'].status == 'success' && repo.defaultBranch == 'main'";
    Map<String, Object> input =
        Map.of(
            "change", Map.of("number", 42, "updatedAt", "2026-03-01T10:00:00+01:00"),
            "jobs", Map.of("go-test", Map.of("status", "success", "required", true)),
            "repo", Map.of("defaultBranch", "main"),
            "now", "2026-03-01T10:00:00Z");
    Policy policy = policy(null, rule, null, test("converted", input, "PASS"));

    assertThat(PolicyTestRunner.run(snapshot(policy)).get(0).passed()).isTrue();
  }

  @Test
  void anErrorNeverMeetsAnExpectation() {
    Policy policy =
        policy(
            null,
            "jobs['go-test'].status == 'success'",
            null,
            Stream.of("PASS", "FAIL", "SKIP")
                .map(e -> test(e, Map.of(), e))
                .toArray(PolicyTest[]::new));

    List<PolicyTestResult> results = PolicyTestRunner.run(snapshot(policy));

    assertThat(results).allSatisfy(r -> assertThat(r.actual()).isEqualTo(Verdict.ERROR));
    assertThat(results).noneMatch(PolicyTestResult::passed);
    assertThat(results.get(0).mismatch()).startsWith("expected pass, got error (policy error: ");
  }

  @Test
  void anUnreadableTimestampIsAFailedCaseNotACrash() {
    Map<String, Object> input = Map.of("now", "next tuesday");
    Policy policy = policy(null, "true", null, test("bad now", input, "PASS"));

    PolicyTestResult result = PolicyTestRunner.run(snapshot(policy)).get(0);

    assertThat(result.passed()).isFalse();
    assertThat(result.reason()).startsWith("invalid test input: now must be an RFC 3339 timestamp");
  }

  private static PolicyTest test(String name, Map<String, Object> input, String expect) {
    return new PolicyTest(name, input, Expectation.valueOf(expect), AT);
  }

  private static Policy policy(String match, String rule, String message, PolicyTest... tests) {
    return new Policy("p", PolicyType.GATE, List.of("*"), match, rule, message, List.of(tests), AT);
  }

  private static ConfigSnapshot snapshot(Policy policy) {
    Map<String, Expression> compiled = new HashMap<>();
    compile(policy.match(), ResultType.BOOL, compiled);
    compile(policy.rule(), ResultType.BOOL, compiled);
    compile(policy.message(), ResultType.STRING, compiled);
    return new ConfigSnapshot("test", List.of(), List.of(), List.of(policy), compiled);
  }

  private static void compile(String source, ResultType type, Map<String, Expression> into) {
    if (source == null) {
      return;
    }
    Compilation c = ENGINE.compile(source, type);
    assertThat(c).as(source).isInstanceOf(Compilation.Compiled.class);
    into.put(source, ((Compilation.Compiled) c).expression());
  }
}
