package dev.ciorchestrator.reconcile;

import dev.ciorchestrator.domain.ChangeState;
import dev.ciorchestrator.domain.Decision;
import dev.ciorchestrator.policy.Bindings;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * May a change's jobs run (DESIGN.md "Security rules")? Yes after {@code /ok-to-test} (given after
 * the latest push when {@link PlanRules} says a push needs a new one), for an author the repository
 * trusts, or when at least one trust policy applies and every applicable one passes. Anything else,
 * an evaluation error included, is a "no": untrusted code never runs by accident.
 */
final class TrustCheck {
  static final String POLICY = "trust";

  private TrustCheck() {}

  static Decision decide(
      RepoContext repo, ChangeState state, Supplier<Bindings> bindings, PlanRules rules) {
    String author = state.change().author();
    boolean staleOkToTest = false;
    if (state.okToTest()) {
      if (state.okToTestForHead() || !rules.renewsOkToTest(repo)) {
        return Decision.pass(POLICY, "/ok-to-test given");
      }
      staleOkToTest = true;
    }
    if (!author.isEmpty() && repo.repository().trustedUsers().contains(author)) {
      return Decision.pass(POLICY, "author " + author + " is trusted");
    }
    List<CompiledPolicy> policies = repo.trustPolicies();
    // Evaluated only now: most changes come from trusted authors and never need CEL.
    List<Decision> applicable = new ArrayList<>();
    for (CompiledPolicy p : policies) {
      p.decide(bindings.get()).ifPresent(applicable::add);
    }
    if (applicable.isEmpty()) {
      return Decision.fail(
          POLICY,
          staleOkToTest
              ? "/ok-to-test was given before the latest push by "
                  + who(author)
                  + ", who is not trusted; the new head needs a new /ok-to-test"
              : "author " + who(author) + " is not trusted");
    }
    Optional<Decision> failed = applicable.stream().filter(d -> !d.pass()).findFirst();
    return failed.orElseGet(
        () ->
            Decision.pass(
                POLICY,
                "trust policies passed: "
                    + applicable.stream().map(Decision::policy).collect(Collectors.joining(", "))));
  }

  private static String who(String author) {
    return author.isEmpty() ? "(unknown)" : author;
  }
}
