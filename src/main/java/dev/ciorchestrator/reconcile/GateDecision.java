package dev.ciorchestrator.reconcile;

import dev.ciorchestrator.domain.Decision;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Whether a change may merge: every decision must pass. The decisions are the built-in {@code
 * required-jobs}, every applicable gate policy and, for an untrusted change, the trust decision.
 */
public record GateDecision(boolean pass, List<Decision> decisions) {
  public GateDecision {
    decisions = List.copyOf(decisions);
    if (pass != decisions.stream().allMatch(Decision::pass)) {
      throw new IllegalArgumentException("pass must be true exactly when every decision passes");
    }
  }

  public static GateDecision of(List<Decision> decisions) {
    return new GateDecision(decisions.stream().allMatch(Decision::pass), decisions);
  }

  public List<Decision> failing() {
    return decisions.stream().filter(d -> !d.pass()).toList();
  }

  /**
   * For the {@code ci/gate} status: every failing policy with its reason ({@code two-approvals:
   * needs 2 approvals, has 0; no-hold: change is on hold}), or what passed.
   */
  public String summary() {
    if (pass) {
      return "passed: "
          + decisions.stream().map(Decision::policy).collect(Collectors.joining(", "));
    }
    return failing().stream()
        .map(d -> d.reason().isEmpty() ? d.policy() : d.policy() + ": " + d.reason())
        .collect(Collectors.joining("; "));
  }
}
