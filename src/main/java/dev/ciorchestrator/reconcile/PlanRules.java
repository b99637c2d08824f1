package dev.ciorchestrator.reconcile;

import dev.ciorchestrator.config.model.ExecutorKind;
import java.util.Objects;

/**
 * Deployment choices the planner follows. They live in the deployment settings, not in the config
 * repository, because they are about what the machines running jobs can contain.
 *
 * @param renewOkToTest whether a push to an untrusted author's change needs a new {@code
 *     /ok-to-test}
 * @param defaultExecutor where jobs without an {@code executor} run, which {@link
 *     RenewOkToTest#AUTO} looks at
 */
public record PlanRules(RenewOkToTest renewOkToTest, ExecutorKind defaultExecutor) {
  /** When an {@code /ok-to-test} stops covering new pushes. */
  public enum RenewOkToTest {
    /**
     * When any job of the repository runs on the process executor, which has no isolation: code
     * pushed after the {@code /ok-to-test} runs on the controller's machine unseen.
     */
    AUTO,
    /** Always: every new head of an untrusted author is looked at before it runs. */
    ALWAYS,
    /** Never: one {@code /ok-to-test} covers the change's later pushes too (Prow's default). */
    NEVER
  }

  /** The service's own defaults: {@code auto}, and the process executor. */
  public static final PlanRules DEFAULT = new PlanRules(RenewOkToTest.AUTO, ExecutorKind.PROCESS);

  public PlanRules {
    Objects.requireNonNull(renewOkToTest, "renewOkToTest");
    Objects.requireNonNull(defaultExecutor, "defaultExecutor");
  }

  /** Whether a new head of an untrusted author's change in {@code repo} needs a new /ok-to-test. */
  boolean renewsOkToTest(RepoContext repo) {
    return switch (renewOkToTest) {
      case ALWAYS -> true;
      case NEVER -> false;
      case AUTO ->
          repo.jobs().stream()
              .map(j -> j.job().executor() == null ? defaultExecutor : j.job().executor())
              .anyMatch(k -> k == ExecutorKind.PROCESS);
    };
  }
}
