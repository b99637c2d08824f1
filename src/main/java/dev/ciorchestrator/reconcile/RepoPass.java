package dev.ciorchestrator.reconcile;

import dev.ciorchestrator.config.model.ConfigSnapshot;
import dev.ciorchestrator.config.model.Repository;
import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.forge.Forge;
import dev.ciorchestrator.forge.ForgeChange;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * One repository's pass as a {@link RepoExtension} sees it, with the means to start and abort runs
 * exactly as the planner's actions are carried out (create-if-absent on deterministic ids).
 *
 * @param open the open changes as listed at the start of the pass
 * @param runs the repository's run records, read after the changes were acted on
 */
public record RepoPass(
    ConfigSnapshot snapshot,
    Repository repository,
    Forge forge,
    Path checkout,
    List<ForgeChange> open,
    List<RunRecord> runs,
    Instant now,
    ActionExecutor actions) {
  public RepoPass {
    open = List.copyOf(open);
    runs = List.copyOf(runs);
  }

  /**
   * Carries out actions that belong to no change's plan (batch runs, the queue's notes), in order,
   * through the one {@link ActionExecutor}.
   */
  public void execute(List<Action> actions) throws IOException {
    this.actions.execute(
        actions, new ActionExecutor.Target(snapshot, forge, repository.name(), null, checkout));
  }
}
