package dev.ciorchestrator.executor.local;

import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.domain.RunState;
import dev.ciorchestrator.executor.Executor;
import dev.ciorchestrator.executor.RunContext;
import dev.ciorchestrator.executor.RunListener;
import dev.ciorchestrator.executor.RunSpec;
import dev.ciorchestrator.executor.process.JobSlots;
import dev.ciorchestrator.executor.process.Outcomes.Verdict;
import dev.ciorchestrator.executor.process.ProcessOutcome;
import dev.ciorchestrator.executor.process.ProcessRunner;
import dev.ciorchestrator.executor.process.RunningProcess;
import dev.ciorchestrator.executor.workspace.Workspace;
import dev.ciorchestrator.executor.workspace.WorkspaceBuilder;
import dev.ciorchestrator.reconcile.RunStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jgit.util.FileUtils;
import org.jboss.logging.Logger;

/**
 * Runs jobs on this machine, one workspace each, at most {@code maxConcurrency} per job: as bash
 * processes ({@link ProcessLauncher}) or in containers (the container executor's launcher). How a
 * prepared run is started is the {@link Launcher}'s; everything else here is the same for both.
 *
 * <p>One handler per record state, each safe to repeat, because the orchestrator can die between
 * any two steps (plank style). The crash windows, in order:
 *
 * <ul>
 *   <li><b>Record created, never started</b> (the loop died after {@code create}, or this executor
 *       died while the run was queued or its workspace was half built): the record is {@code
 *       pending} and no process ever ran, so {@link #recover} simply queues it again. A leftover
 *       workspace folder is deleted before building.
 *   <li><b>Record running, process lost</b>: the record moves to {@code running} <em>before</em>
 *       the process starts, never after. So a {@code pending} record proves no process ran (it is
 *       safe to start), and a {@code running} one after a restart means a process may have run and
 *       was lost with the old orchestrator: it ends in {@code error} (eligible for retries) rather
 *       than being started twice under the same id.
 *   <li><b>Process ended, record not yet terminal</b>: looks the same as the previous window and is
 *       treated the same; the run's log shows how far it got.
 *   <li><b>Orchestrator died, process did not</b>: a job's process tree is not tied to the JVM, so
 *       it may outlive it. Its pid is not recorded, so recovery cannot kill it; the record still
 *       ends in {@code error}, and a retry gets a new attempt id, hence a new workspace and log. A
 *       container is named after the run, so there {@link Launcher#lost} removes it first.
 *   <li><b>Cancel racing the run</b>: records only move forward ({@link RunRecord#canMoveTo}, and
 *       the store refuses backward moves), so whichever of "aborted" and "running" lands second is
 *       dropped and a run is never updated twice into different terminal states. A cancel that
 *       comes after the slot was granted but before the process exists is kept in {@link HeldRun}
 *       and honoured before the process starts, or by killing it right after.
 * </ul>
 *
 * <p>Threads: a queued run holds none. Building the workspace takes a thread of {@code pool};
 * waiting for the process takes none (its outcome is a future), recording the outcome briefly takes
 * one again. Pass an unbounded (cached) pool: a bounded one would queue runs a second time, behind
 * the limits {@link JobSlots} already applies.
 */
public final class LocalExecutor implements Executor {
  private static final Logger LOG = Logger.getLogger(LocalExecutor.class);
  static final String LOST =
      "the orchestrator restarted while this run was running; its process was lost";
  static final String NO_JOB = "job no longer in the config";

  private final RunStore store;
  private final WorkspaceBuilder builder;
  private final Launcher launcher;
  private final JobSlots slots;
  private final Path workspaces;
  private final Path logs;
  private final Clock clock;
  private final RunListener listener;
  private final java.util.concurrent.Executor pool;
  private final Map<String, HeldRun> held = new ConcurrentHashMap<>();

  /** The {@code process} executor: each run's script runs as a bash process of this machine. */
  public LocalExecutor(
      RunStore store,
      WorkspaceBuilder builder,
      ProcessRunner runner,
      JobSlots slots,
      Path workDir,
      Clock clock,
      RunListener listener,
      java.util.concurrent.Executor pool) {
    this(store, builder, new ProcessLauncher(runner), slots, workDir, clock, listener, pool);
  }

  /**
   * @param launcher how a prepared run is started (bash, a container)
   * @param workDir workspaces go to {@code <workDir>/workspaces/<runId>}, logs to {@code
   *     <workDir>/logs/<runId>.log}; executors sharing a work dir share the layout, so a run's log
   *     is found without knowing which of them ran it (run ids are unique)
   */
  public LocalExecutor(
      RunStore store,
      WorkspaceBuilder builder,
      Launcher launcher,
      JobSlots slots,
      Path workDir,
      Clock clock,
      RunListener listener,
      java.util.concurrent.Executor pool) {
    this.store = store;
    this.builder = builder;
    this.launcher = launcher;
    this.slots = slots;
    this.workspaces = workDir.resolve("workspaces");
    this.logs = workDir.resolve("logs");
    this.clock = clock;
    this.listener = listener;
    this.pool = pool;
  }

  @Override
  @SuppressWarnings("try") // a RunContext is a logging scope: opened and closed, never read
  public void start(RunRecord run, RunSpec spec) {
    HeldRun queued;
    synchronized (held) {
      if (held.containsKey(run.id())) {
        return; // already queued or running here: a replayed start must not run it twice
      }
      String lane = run.key().repo() + "/" + run.key().job();
      queued = new HeldRun(run.id(), slots.acquire(lane, spec.job().maxConcurrency()));
      held.put(run.id(), queued);
    }
    queued
        .ticket()
        .thenAccept(
            slot -> {
              try {
                pool.execute(
                    () -> new RunAttempt(this, queued, run.key().repo(), spec, slot).run());
              } catch (RuntimeException e) {
                // shutting down (rejected); the run stays pending and recover() queues it again
                slot.close();
                held.remove(run.id());
                try (RunContext ignored =
                    RunContext.of(run.id(), run.key().repo(), run.key().job())) {
                  LOG.warnf("run %s not started: %s", run.id(), e);
                }
              }
            });
  }

  @Override
  public boolean cancel(String runId, String reason) {
    HeldRun run = held.get(runId);
    if (run == null) {
      return false;
    }
    if (run.ticket().cancel(false)) {
      // still queued: JobSlots hands its place on, and no thread of ours will touch the record
      held.remove(runId);
      finish(runId, RunState.ABORTED, reason);
      return true;
    }
    run.cancel(reason); // granted: the attempt sees it before starting or kills the process
    return true;
  }

  @Override
  public void recover(RunRecord run, Optional<RunSpec> spec) {
    if (held.containsKey(run.id()) || run.state().terminal()) {
      return;
    }
    if (run.state() == RunState.RUNNING) {
      launcher.lost(run.id());
      deleteWorkspace(run.id());
      finish(run.id(), RunState.ERROR, LOST);
    } else if (spec.isEmpty()) {
      finish(run.id(), RunState.ERROR, NO_JOB);
    } else {
      start(run, spec.get());
    }
  }

  @Override
  public Path logFile(String runId) {
    return logs.resolve(runId + ".log");
  }

  /** The executor's name ({@code process}, {@code container}), kept in the records it runs. */
  public String name() {
    return launcher.name();
  }

  Path workspace(String runId) {
    return workspaces.resolve(runId);
  }

  /** The record as stored now, or empty (logged) if the store cannot be read. */
  Optional<RunRecord> current(String runId) {
    try {
      return store.get(runId);
    } catch (IOException e) {
      LOG.errorf("cannot read run %s: %s", runId, e.getMessage());
      return Optional.empty();
    }
  }

  /** Moves the stored record to terminal {@code state} unless it already moved past it. */
  void finish(String runId, RunState state, String message) {
    current(runId)
        .filter(r -> r.canMoveTo(state))
        .ifPresent(r -> move(r.withState(state, clock.instant(), message)));
  }

  /**
   * Stores {@code next} and tells the listener.
   *
   * @return false if the store refused it: someone else moved the record first
   */
  boolean move(RunRecord next) {
    try {
      store.update(next);
    } catch (IllegalStateException e) {
      return false; // a forward move by someone else won the race; theirs stands
    } catch (IOException e) {
      LOG.errorf("cannot store run %s as %s: %s", next.id(), next.state().wire(), e.getMessage());
      return false;
    }
    try {
      listener.changed(next);
    } catch (RuntimeException e) {
      LOG.warnf(e, "run listener failed for %s", next.id());
    }
    return true;
  }

  Workspace buildWorkspace(RunRecord run, RunSpec spec) throws IOException {
    deleteWorkspace(run.id()); // a crash during an earlier build may have left half of one
    return RunPreparation.build(builder, run.key(), spec, workspace(run.id()));
  }

  RunningProcess startProcess(RunRecord running, RunSpec spec, Workspace ws) throws IOException {
    Path log = logFile(running.id());
    Files.createDirectories(log.getParent());
    Files.deleteIfExists(log); // a pending run never ran, so an old log belongs to no attempt
    return launcher.launch(
        new Launcher.Launch(
            running.id(), spec.job(), RunPreparation.processSpec(running, spec, ws, log)));
  }

  /** The process ended: {@code free} gives back slot and workspace before the record is final. */
  void ended(HeldRun run, ProcessOutcome outcome, Runnable free) {
    Verdict verdict = launcher.verdict(outcome, logFile(run.id()));
    String message =
        outcome.reason() == ProcessOutcome.Reason.CANCELLED ? run.reason() : verdict.message();
    free.run();
    finish(run.id(), verdict.state(), message);
  }

  Instant now() {
    return clock.instant();
  }

  java.util.concurrent.Executor pool() {
    return pool;
  }

  void release(HeldRun run) {
    deleteWorkspace(run.id());
    held.remove(run.id());
  }

  private void deleteWorkspace(String runId) {
    try {
      FileUtils.delete(
          workspace(runId).toFile(),
          FileUtils.RECURSIVE | FileUtils.SKIP_MISSING | FileUtils.IGNORE_ERRORS);
    } catch (IOException e) {
      LOG.warnf("cannot delete the workspace of %s: %s", runId, e.getMessage());
    }
  }
}
