package dev.ciorchestrator.executor.local;

import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.domain.RunState;
import dev.ciorchestrator.executor.RunArtifacts;
import dev.ciorchestrator.executor.RunContext;
import dev.ciorchestrator.executor.RunSpec;
import dev.ciorchestrator.executor.process.JobSlots;
import dev.ciorchestrator.executor.process.RunPreparation;
import dev.ciorchestrator.executor.process.RunningProcess;
import dev.ciorchestrator.executor.workspace.Workspace;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * One run from the moment it holds a slot: workspace, {@code running}, process, outcome. Every path
 * out of it gives the slot back and deletes the workspace exactly once.
 */
final class RunAttempt implements Runnable {
  private static final Logger LOG = Logger.getLogger(RunAttempt.class);

  private final LocalExecutor executor;
  private final HeldRun run;
  private final String repo;
  private final RunSpec spec;
  private final JobSlots.Slot slot;
  private boolean launched;

  RunAttempt(LocalExecutor executor, HeldRun run, String repo, RunSpec spec, JobSlots.Slot slot) {
    this.executor = executor;
    this.run = run;
    this.repo = repo;
    this.spec = spec;
    this.slot = slot;
  }

  /** How a run ends without its process: recorded after the slot and workspace are freed. */
  private record Ending(RunState state, String message) {
    static final Ending NONE = new Ending(null, "");
    static final Ending HANDED_OFF = new Ending(null, "");
  }

  /** Every line logged about this run, on any of its threads, names it. */
  private RunContext context() {
    return RunContext.of(run.id(), repo, spec.job().name());
  }

  @Override
  @SuppressWarnings("try") // a RunContext is a logging scope: opened and closed, never read
  public void run() {
    try (RunContext ignored = context()) {
      runInContext();
    }
  }

  private void runInContext() {
    Ending ending = Ending.NONE;
    try {
      ending = attempt();
    } catch (RuntimeException e) {
      if (executor.closing() && !launched) {
        // the JVM is shutting down (JGit drops its locks then): it stays pending, never started
        LOG.warnf("run %s not started: the service stopped while preparing it (%s)", run.id(), e);
      } else {
        LOG.errorf(e, "run %s failed in the executor", run.id());
        ending = new Ending(RunState.ERROR, "executor failure: " + e);
      }
    } finally {
      if (ending != Ending.HANDED_OFF) {
        done();
        if (ending.state() != null) {
          executor.finish(run.id(), ending.state(), ending.message());
        }
        run.settle();
      }
    }
  }

  /** Either {@link Ending#HANDED_OFF} (a process runs and its outcome ends the run) or why not. */
  @SuppressWarnings("try") // a RunContext is a logging scope: opened and closed, never read
  private Ending attempt() {
    Optional<RunRecord> stored = executor.records().stored(run.id());
    if (stored.isEmpty() || stored.get().state() != RunState.PENDING) {
      return Ending.NONE; // aborted while it was queued (or by another instance): nothing to run
    }
    RunRecord pending = stored.get();
    if (run.reason() != null) {
      // a cancel ends it; the service stopping leaves it pending, to start after the restart
      return run.stopState() == RunState.ABORTED ? stopped() : Ending.NONE;
    }
    if (executor.closing()) {
      return Ending.NONE; // the service is stopping: it stays pending and starts after the restart
    }
    Workspace ws;
    try {
      ws = executor.buildWorkspace(pending, spec);
    } catch (IOException e) {
      // a merge conflict, an unknown SHA or a broken disk: no process starts; unless the service
      // is stopping, which may have broken the build, and after which it may start
      return executor.closing() ? Ending.NONE : new Ending(RunState.ERROR, e.getMessage());
    }
    // running before the process starts: after a crash, pending must mean "never started"
    RunRecord running =
        RunPreparation.withBaseSha(pending, ws.baseSha())
            .withExecutor(executor.name())
            .withState(RunState.RUNNING, executor.now(), "");
    launched = true; // from here a failure leaves a running record: it must end
    if (!executor.records().move(running, executor::closing)) {
      // someone moved it first (an abort: theirs stands), or the service began stopping while
      // the store was failing: then it stays pending, which proves it never started
      return Ending.NONE;
    }
    if (run.reason() != null) {
      return stopped();
    }
    List<RunArtifacts.Received> upstream;
    try {
      upstream = executor.receive(running, spec, ws);
    } catch (IOException e) {
      return new Ending(RunState.FAILURE, e.getMessage());
    }
    executor.beforeRun(running, spec, ws);
    RunningProcess process;
    try {
      process = executor.startProcess(running, spec, ws, upstream);
    } catch (IOException e) {
      return new Ending(RunState.ERROR, "cannot create the log: " + e.getMessage());
    }
    run.attach(process);
    process
        .outcome()
        .thenAcceptAsync(
            outcome -> {
              try (RunContext ignored = context()) {
                executor.ended(
                    run,
                    outcome,
                    this::done,
                    state -> executor.hooks().afterRun(running, spec, ws.dir(), state));
              } catch (RuntimeException e) {
                LOG.errorf(e, "run %s: cannot record its outcome", run.id());
                done();
                run.settle();
              }
            },
            executor.pool());
    return Ending.HANDED_OFF;
  }

  /** Stopped before its process started: the stop's own state (aborted, or error on shutdown). */
  private Ending stopped() {
    return new Ending(run.stopState(), run.reason());
  }

  private void done() {
    slot.close(); // closing twice frees once, so the error path may repeat it
    executor.release(run);
  }
}
