package dev.ciorchestrator.config.review;

import dev.ciorchestrator.config.diff.ConfigDiff;
import dev.ciorchestrator.config.model.ConfigSnapshot;
import dev.ciorchestrator.config.testing.PolicyTestResult;
import dev.ciorchestrator.reconcile.impact.Impact;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The review of one head of a change to the config repository, against one running config.
 *
 * @param head the change's head SHA that was loaded
 * @param running the running config's revision it was compared with
 * @param unreadable why the head could not be read at all (then nothing else is known)
 * @param errors every load error as {@code file:line:col: field: message}
 * @param after the config at head, when it loads
 * @param tests how many policy tests ran
 * @param failedTests the ones that failed
 * @param relaxed why the change relaxes a gate or trust policy, if it does
 * @param impact the dry run over the open changes of {@code seen}
 * @param seen the repositories whose open changes the impact looked at
 */
public record Review(
    String head,
    String running,
    Optional<String> unreadable,
    List<String> errors,
    Optional<ConfigSnapshot> after,
    int tests,
    List<PolicyTestResult> failedTests,
    ConfigDiff diff,
    List<String> relaxed,
    Impact impact,
    Set<String> seen) {
  public Review {
    Objects.requireNonNull(head, "head");
    Objects.requireNonNull(running, "running");
    errors = List.copyOf(errors);
    failedTests = List.copyOf(failedTests);
    relaxed = List.copyOf(relaxed);
    seen = Set.copyOf(seen);
  }

  static Review unreadable(String head, String running, String why) {
    return failed(head, running, Optional.of(why), List.of());
  }

  /** A head that loads with {@code errors}. */
  public static Review invalid(String head, String running, List<String> errors) {
    return failed(head, running, Optional.empty(), errors);
  }

  private static Review failed(
      String head, String running, Optional<String> unreadable, List<String> errors) {
    return new Review(
        head,
        running,
        unreadable,
        errors,
        Optional.empty(),
        0,
        List.of(),
        new ConfigDiff(List.of()),
        List.of(),
        Impact.NONE,
        Set.of());
  }

  /** Loads and every policy test passes: what {@code ci/config} success means. */
  public boolean valid() {
    return unreadable.isEmpty() && errors.isEmpty() && failedTests.isEmpty();
  }

  /** The same review with the impact over another set of open changes. */
  Review withImpact(Impact newImpact, Set<String> newSeen) {
    return new Review(
        head,
        running,
        unreadable,
        errors,
        after,
        tests,
        failedTests,
        diff,
        relaxed,
        newImpact,
        newSeen);
  }
}
