package dev.ciorchestrator.config.loading;

import dev.ciorchestrator.config.loading.YamlNode.Scalar;
import dev.ciorchestrator.config.model.Policy.Expectation;
import dev.ciorchestrator.config.model.Policy.PolicyTest;
import dev.ciorchestrator.config.model.SourcePosition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** A policy's {@code tests:}: each a name unique within the policy, an input and an expectation. */
final class PolicyTestBinder {
  private static final List<String> FIELDS = List.of("name", "input", "expect");
  private static final List<String> EXPECTATIONS = List.of("pass", "fail", "skip");

  private PolicyTestBinder() {}

  static List<PolicyTest> bind(Fields policy) {
    Optional<YamlNode> node = policy.value("tests");
    if (node.isEmpty()) {
      return List.of();
    }
    if (!(node.get() instanceof YamlNode.Sequence seq)) {
      policy
          .problems()
          .add(
              node.get().position(),
              "tests",
              "expected a list of tests, got " + node.get().describe());
      return List.of();
    }
    List<PolicyTest> tests = new ArrayList<>();
    Map<String, SourcePosition> names = new HashMap<>();
    for (int i = 0; i < seq.items().size(); i++) {
      Fields t =
          Fields.of(seq.items().get(i), Problems.index("tests", i), policy.problems(), FIELDS);
      test(t, names).ifPresent(tests::add);
    }
    return tests;
  }

  private static Optional<PolicyTest> test(Fields t, Map<String, SourcePosition> names) {
    Optional<Scalar> name = t.requiredString("name");
    name.ifPresent(n -> unique(n, t, names));
    Map<String, Object> input =
        t.value("input")
            .map(v -> TestInput.bind(v, t.path("input"), t.problems()))
            .orElse(Map.of());
    Optional<Expectation> expect =
        t.required("expect")
            .flatMap(v -> Values.choice(v, t.path("expect"), EXPECTATIONS, t.problems()))
            .map(e -> Expectation.valueOf(e.toUpperCase(Locale.ROOT)));
    if (name.isEmpty() || expect.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new PolicyTest(name.get().value(), input, expect.get(), t.position()));
  }

  private static void unique(Scalar name, Fields t, Map<String, SourcePosition> names) {
    SourcePosition first = names.putIfAbsent(name.value(), name.position());
    if (first != null) {
      t.problems()
          .add(
              name.position(),
              t.path("name"),
              "duplicate test name '" + name.value() + "' (first at line " + first.line() + ")");
    }
  }
}
