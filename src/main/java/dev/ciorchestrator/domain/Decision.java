package dev.ciorchestrator.domain;

import java.util.Objects;

/**
 * The outcome of one rule: which rule decided, whether it passed, and why. Never a bare boolean, so
 * that every "no" that reaches a user carries its reason.
 */
public record Decision(boolean pass, String policy, String reason) {
  public Decision {
    Objects.requireNonNull(policy, "policy");
    reason = reason == null ? "" : reason;
  }

  public static Decision pass(String policy, String reason) {
    return new Decision(true, policy, reason);
  }

  public static Decision fail(String policy, String reason) {
    return new Decision(false, policy, reason);
  }
}
