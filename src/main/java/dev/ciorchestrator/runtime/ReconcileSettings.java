package dev.ciorchestrator.runtime;

import dev.ciorchestrator.reconcile.PassLimits;
import dev.ciorchestrator.reconcile.PlanRules.RenewOkToTest;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Deployment settings of the reconcile loop ({@code ci.reconcile.*}). */
@ConfigMapping(prefix = "ci.reconcile")
public interface ReconcileSettings {
  /**
   * How often every repository is reconciled even without events ({@code 10s}; {@code off} turns
   * the timer off, leaving events and run changes to drive the loop). Polling is the safety net:
   * events only make the loop faster.
   */
  @WithDefault("10s")
  String interval();

  /** How long an unchanged change may go without being planned again (CEL {@code now}). */
  @WithDefault("5m")
  Duration resync();

  /**
   * How many repositories' passes may run at once ({@code 4}). One repository's passes never
   * overlap; a repository with slow policies holds up only itself while fewer than this many are
   * slow.
   */
  @WithDefault("4")
  int parallelism();

  /**
   * How long one pass over one repository may go on planning changes ({@code 2s}; {@code 0} for no
   * limit). The changes it has no time left for carry over to the repository's next pass, which
   * plans them first; at least one change is planned per pass. Longer than a healthy pass, shorter
   * than what you want another repository to wait when all {@link #parallelism} threads are busy.
   */
  @WithDefault("2s")
  Duration passBudget();

  /** Where the last seen branch tips and schedule checks are kept across restarts. */
  @WithDefault(".ci-orchestrator/watermarks.json")
  Path stateFile();

  /**
   * How long the loop may have work without getting anything done (a repository's pass, a policy
   * evaluation, a gate decision) before {@code /q/health/live} turns red and the service is
   * restarted. Longer than the slowest honest pass (forge calls time out well before it).
   */
  @WithDefault("5m")
  Duration livenessTimeout();

  /**
   * The address people reach this service at; log links in statuses, comments and callbacks use it.
   * Unset, {@code http://localhost:<the port the service listens on>} ({@link PublicUrl}).
   */
  Optional<String> publicUrl();

  /**
   * Whether a push to an untrusted author's change needs a new {@code /ok-to-test} ({@code auto}:
   * when a job of the repository runs on the process executor, which has no isolation; {@code
   * always}; {@code never}: one {@code /ok-to-test} covers later pushes, as in Prow).
   */
  @WithDefault("auto")
  RenewOkToTest renewOkToTest();

  /** {@link #parallelism} and {@link #passBudget} for the loop. */
  default PassLimits passLimits() {
    Duration budget = passBudget();
    if (budget.isNegative() || parallelism() < 1) {
      throw new IllegalArgumentException(
          "ci.reconcile.parallelism must be at least 1 and ci.reconcile.pass-budget not negative"
              + " (got %d and %s)".formatted(parallelism(), budget));
    }
    return new PassLimits(parallelism(), budget.isZero() ? Optional.empty() : Optional.of(budget));
  }
}
