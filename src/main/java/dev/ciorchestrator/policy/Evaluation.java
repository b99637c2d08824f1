package dev.ciorchestrator.policy;

import dev.ciorchestrator.domain.Decision;
import java.util.Objects;

/** The outcome of one policy for one change: a verdict, and the decision a user sees. */
public record Evaluation(Verdict verdict, Decision decision) {
  public Evaluation {
    Objects.requireNonNull(verdict, "verdict");
    Objects.requireNonNull(decision, "decision");
  }

  /**
   * {@code SKIP}: the policy does not apply (its match is false); {@code ERROR}: an expression
   * could not be evaluated, which never counts as a pass.
   */
  public enum Verdict {
    PASS,
    FAIL,
    SKIP,
    ERROR
  }

  /** Whether the verdict lets a gate through: PASS and SKIP do, FAIL and ERROR do not. */
  public boolean passes() {
    return decision.pass();
  }
}
