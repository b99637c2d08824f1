package dev.ciorchestrator.reconcile;

import dev.ciorchestrator.domain.Decision;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Whether a change may merge: every decision must pass. The decisions are the built-in {@code
 * required-jobs}, every applicable gate policy and, for an untrusted change, the trust decision.
 *
 * @param repeats gate policies that fail only for what the failing {@code required-jobs} already
 *     says (they pass once every due required job succeeds); they are shown with it, not again
 */
public record GateDecision(boolean pass, List<Decision> decisions, Set<String> repeats) {
  public GateDecision {
    decisions = List.copyOf(decisions);
    repeats = Set.copyOf(repeats);
    if (pass != decisions.stream().allMatch(Decision::pass)) {
      throw new IllegalArgumentException("pass must be true exactly when every decision passes");
    }
  }

  public GateDecision(boolean pass, List<Decision> decisions) {
    this(pass, decisions, Set.of());
  }

  public static GateDecision of(List<Decision> decisions) {
    return of(decisions, Set.of());
  }

  public static GateDecision of(List<Decision> decisions, Set<String> repeats) {
    return new GateDecision(decisions.stream().allMatch(Decision::pass), decisions, repeats);
  }

  public List<Decision> failing() {
    return decisions.stream().filter(d -> !d.pass()).toList();
  }

  /**
   * What people read: the failing decisions, each said once. A repeat of {@code required-jobs} is
   * folded into it ({@code required-jobs, jobs-green: go-test is running}), keeping the built-in
   * reason, which names exactly the due required jobs.
   */
  public List<Decision> shown() {
    List<String> folded =
        failing().stream().map(Decision::policy).filter(repeats::contains).toList();
    List<Decision> out = new ArrayList<>();
    for (Decision d : failing()) {
      if (folded.contains(d.policy())) {
        continue;
      }
      if (d.policy().equals(GateCheck.REQUIRED_JOBS) && !folded.isEmpty()) {
        String names = d.policy() + ", " + String.join(", ", folded);
        out.add(Decision.fail(names, d.reason()));
      } else {
        out.add(d);
      }
    }
    return List.copyOf(out);
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
    return shown().stream()
        .map(d -> d.reason().isEmpty() ? d.policy() : d.policy() + ": " + d.reason())
        .collect(Collectors.joining("; "));
  }
}
