package dev.ciorchestrator.config.loading;

import dev.ciorchestrator.config.model.Policy;
import dev.ciorchestrator.config.model.PolicyType;
import dev.ciorchestrator.config.validation.Names;
import dev.ciorchestrator.policy.ResultType;
import java.util.List;
import java.util.Locale;

/** {@code kind: Policy}: a CEL rule with optional {@code match}, {@code message} and tests. */
final class PolicyBinder {
  static final List<String> FIELDS =
      List.of("apiVersion", "kind", "name", "type", "repos", "match", "rule", "message", "tests");

  private static final List<String> TYPES = List.of("gate", "trust");

  private PolicyBinder() {}

  static void bind(Fields f, FileContents out) {
    int before = f.problems().count();
    String name = CommonFields.name(f, "Policy", out, Names::jobOrPolicyProblem);
    PolicyType type =
        f.required("type")
            .flatMap(v -> Values.choice(v, "type", TYPES, f.problems()))
            .map(t -> PolicyType.valueOf(t.toUpperCase(Locale.ROOT)))
            .orElse(null);
    List<String> repos = CommonFields.repos(f, out, List.of("*"));
    String match = CommonFields.expression(f, "match", ResultType.BOOL, false, out);
    String rule = CommonFields.expression(f, "rule", ResultType.BOOL, true, out);
    String message = CommonFields.expression(f, "message", ResultType.STRING, false, out);
    List<Policy.PolicyTest> tests = PolicyTestBinder.bind(f);
    if (f.problems().count() == before) {
      out.policies.add(new Policy(name, type, repos, match, rule, message, tests, f.position()));
    }
  }
}
