package dev.ciorchestrator.reconcile;

import dev.ciorchestrator.config.model.ConfigSnapshot;
import dev.ciorchestrator.config.model.Repository;
import dev.ciorchestrator.domain.Decision;
import dev.ciorchestrator.forge.ForgeChange;
import java.io.IOException;
import java.util.List;
import java.util.Set;

/**
 * A feature that takes part in each repository pass beside the planner: the merge queue, the review
 * of changes to the config repository. The {@link RepoReconciler} asks it, per change it plans, for
 * extra gate decisions and what to add to the report, tells it each fresh plan, and lets it act
 * once per pass after the changes. Only the ones a deployment enables are given to the reconciler;
 * each method's default does nothing.
 */
public interface RepoExtension {
  /**
   * Decisions the gate of {@code change} must also pass, computed before it is planned (the planner
   * stays pure). An empty list adds nothing.
   */
  default List<Decision> gate(ConfigSnapshot snapshot, Repository repository, ForgeChange change) {
    return List.of();
  }

  /** A change was planned just now; only changes whose inputs moved are planned. */
  default void planned(Repository repository, ForgeChange change, ChangePlan plan) {}

  /** What to add to the change's report; asked right after {@link #planned}. */
  default ReportExtra report(Repository repository, ForgeChange change) {
    return ReportExtra.NONE;
  }

  /**
   * Acts once per pass, after the changes were planned and reported.
   *
   * @return the changes whose {@link #report} differs now, so they are reported again this pass
   * @throws IOException when the forge fails; the pass reports it and the next pass tries again
   */
  default Set<Long> afterChanges(RepoPass pass) throws IOException {
    return Set.of();
  }
}
