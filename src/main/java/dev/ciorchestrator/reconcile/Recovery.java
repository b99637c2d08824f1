package dev.ciorchestrator.reconcile;

import dev.ciorchestrator.config.model.ConfigSnapshot;
import dev.ciorchestrator.config.model.Job;
import dev.ciorchestrator.config.model.Repository;
import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.domain.RunState;
import dev.ciorchestrator.executor.Executor;
import dev.ciorchestrator.executor.RunSpec;
import dev.ciorchestrator.forge.ForgeChange;
import dev.ciorchestrator.run.RunStore;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * The first pass over a repository after a start hands every unfinished run back to the executor
 * (DESIGN.md: a restart never starts a run twice, and never forgets one that was due). A pending
 * run never reached its process, so it is queued again; a running one is followed or ended as the
 * executor finds it (see {@link Executor#recover}). A change run whose change closed while we were
 * down is aborted instead (through the executor, which stops it if it still runs): nobody will read
 * its result.
 */
final class Recovery {
  private static final Logger LOG = Logger.getLogger(Recovery.class);

  private final RunStore runs;
  private final Executor executor;
  private final Clock clock;

  Recovery(RunStore runs, Executor executor, Clock clock) {
    this.runs = runs;
    this.executor = executor;
    this.clock = clock;
  }

  void recover(
      ConfigSnapshot snapshot,
      Repository repository,
      Path checkout,
      List<ForgeChange> open,
      List<RunRecord> repoRuns)
      throws IOException {
    Map<Long, ForgeChange> byNumber =
        open.stream().collect(Collectors.toMap(ForgeChange::number, Function.identity()));
    for (RunRecord run : repoRuns) {
      if (run.state().terminal()) {
        continue;
      }
      long change = run.key().change();
      ForgeChange fc = change > 0 ? byNumber.get(change) : null;
      if (change > 0 && fc == null) {
        String why = "change #" + change + " closed";
        // the executor may hold it already (a job adopted from its supervisor): it stops it too
        if (!executor.cancel(run.id(), why)) {
          runs.update(run.withState(RunState.ABORTED, clock.instant(), why));
        }
        continue;
      }
      Optional<Job> job = snapshot.job(run.key().job());
      ActionExecutor.Target target =
          new ActionExecutor.Target(
              snapshot, null, repository.name(), fc == null ? null : fc.state().change(), checkout);
      Optional<RunSpec> spec = job.map(j -> ActionExecutor.spec(j, run.key(), target));
      LOG.infof("recovering run %s (%s)", run.id(), run.state().wire());
      executor.recover(run, spec);
    }
  }
}
