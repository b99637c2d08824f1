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

  /** Starts and aborts runs that belong to no change (batch runs), in order. */
  public void execute(List<Action> runActions) throws IOException {
    actions.execute(
        runActions, new ActionExecutor.Target(snapshot, forge, repository.name(), null, checkout));
  }
}
