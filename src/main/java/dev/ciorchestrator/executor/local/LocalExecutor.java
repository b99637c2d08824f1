package dev.ciorchestrator.executor.local;

import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.domain.RunResults;
import dev.ciorchestrator.domain.RunState;
import dev.ciorchestrator.executor.Executor;
import dev.ciorchestrator.executor.RunArtifacts;
import dev.ciorchestrator.executor.RunContext;
import dev.ciorchestrator.executor.RunHooks;
import dev.ciorchestrator.executor.RunListener;
import dev.ciorchestrator.executor.RunSpec;
import dev.ciorchestrator.executor.process.JobSlots;
import dev.ciorchestrator.executor.process.Launcher;
import dev.ciorchestrator.executor.process.Outcomes.Verdict;
import dev.ciorchestrator.executor.process.ProcessOutcome;
import dev.ciorchestrator.executor.process.ProcessRunner;
import dev.ciorchestrator.executor.process.RunPreparation;
import dev.ciorchestrator.executor.process.RunningProcess;
import dev.ciorchestrator.executor.process.SupervisorDir;
import dev.ciorchestrator.executor.workspace.Workspace;
import dev.ciorchestrator.executor.workspace.WorkspaceBuilder;
import dev.ciorchestrator.run.RunStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.eclipse.jgit.util.FileUtils;
import org.jboss.logging.Logger;

/**
 * Runs jobs on this machine, one workspace each, at most {@code maxConcurrency} per job: as bash
 * processes ({@link ProcessLauncher}) or in containers (the container executor's launcher), each
 * under a supervisor that outlives this JVM and leaves the job's exit code in the run's folder
 * ({@link dev.ciorchestrator.executor.process.Supervisor}, {@code <workDir>/supervised/<name>/}).
 * How a prepared run is started is the {@link Launcher}'s; everything else here is the same for
 * both.
 *
 * <p>One handler per record state, each safe to repeat, because the orchestrator can die between
 * any two steps (plank style). The crash windows, in order:
 *
 * <ul>
 *   <li><b>Record created, never started</b> (the loop died after {@code create}, or this executor
 *       died while the run was queued or its workspace was half built): the record is {@code
 *       pending} and no process ever ran, so {@link #recover} simply queues it again. A leftover
 *       workspace folder is deleted before building.
 *   <li><b>Record running, supervisor not started</b>: the record moves to {@code running}
 *       <em>before</em> the supervisor starts, never after, so a {@code pending} record proves no
 *       job ran. A {@code running} record without a supervisor folder ends in {@code error}
 *       (eligible for retries) after any process marked as the run's is killed.
 *   <li><b>Orchestrator died, job did not</b>: the supervisor runs on in its own session. {@link
 *       #open} adopts it: a job still running is followed to its end, a job that ended meanwhile is
 *       recorded from its exit file (success stays success), and only a supervisor gone without an
 *       exit file (killed, or the machine restarted) makes the run {@code error}, after every
 *       process of it still alive is killed, so a retry never runs beside the old attempt.
 *   <li><b>Job ended, record not yet terminal</b>: the exit file stays until the end is stored, so
 *       a crash, or a store that fails for a while ({@link StoreRetry}), loses no result.
 *   <li><b>Stop racing the run</b>: records only move forward ({@link RunRecord#canMoveTo}, and the
 *       store refuses backward moves), so whichever of "aborted" and "running" lands second is
 *       dropped and a run is never updated twice into different terminal states. A stop that comes
 *       after the slot was granted but before the process exists is kept in {@link HeldRun} and
 *       honoured before the process starts, or by stopping it right after. A stop in progress is
 *       noted in the run's folder, so an orchestrator that died during it finishes it.
 * </ul>
 *
 * <p>Threads: a queued run holds none. Building the workspace takes a thread of {@code pool};
 * waiting for the process takes none (its outcome is a future), recording the outcome briefly takes
 * one again. Pass an unbounded (cached) pool: a bounded one would queue runs a second time, behind
 * the limits {@link JobSlots} already applies.
 */
public final class LocalExecutor implements Executor, AutoCloseable {
  private static final Logger LOG = Logger.getLogger(LocalExecutor.class);
  static final String LOST =
      "the orchestrator restarted while this run was running and found no supervisor of it, so"
          + " its result is unknown";
  static final String NO_JOB = "job no longer in the config";
  static final String STOP_NOTE = "stop";

  private final WorkspaceBuilder builder;
  private final Launcher launcher;
  private final JobSlots slots;
  private final Path workspaces;
  private final Path logs;
  private final Path supervised;
  private final Clock clock;
  private final java.util.concurrent.Executor pool;
  private final Map<String, HeldRun> held = new ConcurrentHashMap<>();
  private final RunRecords records;
  private final Adoption adoption = new Adoption(this);
  private final Collection collection;
  private volatile boolean closing;
  private volatile boolean closed;
  private volatile RunHooks hooks = RunHooks.NONE;

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
    this(
        store,
        builder,
        launcher,
        slots,
        workDir,
        clock,
        listener,
        pool,
        Duration.ofMillis(100),
        Duration.ofSeconds(5));
  }

  /**
   * @param firstRetry how long a failed write to the store waits before its first retry
   * @param maxRetry the longest wait between retries of a failed write; it is retried until it
   *     lands or this executor stops
   */
  public LocalExecutor(
      RunStore store,
      WorkspaceBuilder builder,
      Launcher launcher,
      JobSlots slots,
      Path workDir,
      Clock clock,
      RunListener listener,
      java.util.concurrent.Executor pool,
      Duration firstRetry,
      Duration maxRetry) {
    this.builder = builder;
    this.launcher = launcher;
    this.slots = slots;
    this.workspaces = workDir.resolve("workspaces");
    this.collection = new Collection(workDir);
    this.logs = workDir.resolve("logs");
    this.supervised = workDir.resolve("supervised").resolve(launcher.name());
    this.clock = clock;
    this.pool = pool;
    this.records =
        new RunRecords(store, listener, clock, new StoreRetry(firstRetry, maxRetry, () -> closed));
  }

  /**
   * Work around each run's process in its workspace (caches, reports); set before {@link #open}, so
   * that runs adopted after a restart get theirs too ({@link RunHooks#afterAdoptedRun}).
   */
  public LocalExecutor withHooks(RunHooks hooks) {
    this.hooks = hooks;
    return this;
  }

  /**
   * Adopts what an earlier orchestrator on this work dir left under supervisors: runs still going
   * are followed, ended ones recorded from their exit files, lost ones ended in {@code error} after
   * their stray processes are killed. Call once, before the first {@link #recover}; {@link
   * #recover} adopts a run by itself too, this only does it for every run at once and early.
   */
  public LocalExecutor open() {
    adoption.all();
    return this;
  }

  @Override
  @SuppressWarnings("try") // a RunContext is a logging scope: opened and closed, never read
  public void start(RunRecord run, RunSpec spec) {
    if (closing) {
      LOG.debugf(
          "run %s not started: the service is stopping; it starts after the restart", run.id());
      return; // stays pending: recover() queues it after the restart
    }
    HeldRun queued;
    synchronized (held) {
      if (held.containsKey(run.id())) {
        return; // already queued or running here: a replayed start must not run it twice
      }
      String lane = lane(run);
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
                release(queued);
                queued.settle();
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
    stop(run, RunState.ABORTED, reason);
    return true;
  }

  /** Stops a held run: a queued one leaves the queue, a running one has its job stopped. */
  void stop(HeldRun run, RunState state, String reason) {
    if (run.ticket().cancel(false)) {
      // still queued: JobSlots hands its place on, and no thread of ours will touch the record
      release(run);
      if (state == RunState.ABORTED) {
        finish(run.id(), state, reason);
      } // else stopped by the service: it stays pending, and starts after the restart
      run.settle();
      return;
    }
    noteStop(run.id(), state, reason);
    run.stop(state, reason); // granted: the attempt sees it before starting or stops the process
  }

  /** A stop in progress survives this JVM: an orchestrator adopting the run finishes it. */
  private void noteStop(String runId, RunState state, String reason) {
    SupervisorDir dir = supervision(runId);
    if (dir.exists()) {
      try {
        dir.writeNote(STOP_NOTE, state.wire() + "\n" + reason);
      } catch (IOException e) {
        LOG.warnf("run %s: cannot note its stop (%s); stopping it anyway", runId, e.getMessage());
      }
    }
  }

  @Override
  public void recover(RunRecord run, Optional<RunSpec> spec) {
    if (held.containsKey(run.id()) || run.state().terminal()) {
      return;
    }
    if (supervision(run.id()).exists()) {
      adoption.one(run.id(), Optional.of(run));
    } else if (run.state() == RunState.RUNNING) {
      adoption.lost(run.id());
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

  /**
   * The service is stopping: no run starts from now on (queued ones stay {@code pending} and start
   * after the restart), running ones get {@code timeout} to finish, and what still runs then is
   * stopped (its job's process group, or its container) and ends in {@code error} with {@code
   * reason}. Returns once every run is recorded, or after the stop's own grace if some never end.
   */
  public void drain(Duration timeout, String reason) {
    closing = true;
    new Drain(this, List.copyOf(held.values())).run(timeout, reason);
    closed = true;
  }

  /**
   * Lets go of every run without stopping it, as this JVM's death would: their supervisors go on,
   * and the next orchestrator on this work dir adopts them ({@link #open}). Nothing is recorded
   * from here on; a store write being retried gives up, its result stays in the exit file. Nor is
   * anything swept when a supervisor ends: the adopter finds the job and kills it then.
   */
  @Override
  public void close() {
    closing = true;
    closed = true;
    held.values().forEach(HeldRun::letGo);
  }

  Path workspace(String runId) {
    return workspaces.resolve(runId);
  }

  /** The folder where the supervisor of run {@code runId} works (whether or not it exists). */
  public SupervisorDir supervision(String runId) {
    return new SupervisorDir(supervised.resolve(runId));
  }

  Path supervisedDir() {
    return supervised;
  }

  boolean closing() {
    return closing;
  }

  Launcher launcher() {
    return launcher;
  }

  JobSlots slots() {
    return slots;
  }

  Map<String, HeldRun> held() {
    return held;
  }

  static String lane(RunRecord run) {
    return run.key().repo() + "/" + run.key().job();
  }

  RunRecords records() {
    return records;
  }

  /** {@link RunRecords#finish}: moves the run to terminal {@code state} unless it moved past. */
  boolean finish(String runId, RunState state, String message) {
    return records.finish(runId, state, message);
  }

  Workspace buildWorkspace(RunRecord run, RunSpec spec) throws IOException {
    deleteWorkspace(run.id()); // a crash during an earlier build may have left half of one
    return RunPreparation.build(builder, run.key(), spec, workspace(run.id()));
  }

  /**
   * Hands the run the artifacts of the jobs it needs.
   *
   * @throws IOException naming a file whose content does not match its upstream manifest
   */
  List<RunArtifacts.Received> receive(RunRecord running, RunSpec spec, Workspace ws)
      throws IOException {
    return spec.job().pipeline().needs().isEmpty()
        ? List.of()
        : collection.artifacts().receive(running, spec, ws.dir());
  }

  RunningProcess startProcess(
      RunRecord running, RunSpec spec, Workspace ws, List<RunArtifacts.Received> upstream)
      throws IOException {
    String image = launcher.name().equals(ProcessLauncher.NAME) ? "" : spec.job().image();
    collection.remember(
        running.id(),
        new RunArtifacts.Request(
            spec.job().pipeline().artifacts(), spec.trustedAuthor(), image, upstream));
    Path log = logFile(running.id());
    Files.createDirectories(log.getParent());
    Files.deleteIfExists(log); // a pending run never ran, so an old log belongs to no attempt
    return launcher.launch(
        new Launcher.Launch(
            running.id(),
            spec.job(),
            RunPreparation.underDefaults(
                RunPreparation.processSpec(running, spec, ws, log), hooks.env()),
            supervision(running.id())));
  }

  /**
   * The job ended: {@code free} gives back slot and workspace before the record is final, and the
   * run's folder (its exit file) goes only once the record is. Nothing is recorded once this
   * executor let go ({@link #close}): the next orchestrator reads the exit file instead.
   */
  void ended(HeldRun run, ProcessOutcome outcome, Runnable free) {
    ended(run, outcome, free, state -> RunResults.NONE);
  }

  /**
   * @param after reads the run's workspace before {@code free} deletes it (reports, caches), given
   *     the state the run ends in
   */
  void ended(
      HeldRun run, ProcessOutcome outcome, Runnable free, Function<RunState, RunResults> after) {
    if (closed) {
      run.settle(); // let go of (close): the next orchestrator reads the exit file
      return;
    }
    Verdict verdict = launcher.verdict(outcome, logFile(run.id()));
    // a stop an earlier orchestrator began stands, unless the job completed (exit 0) regardless
    boolean completed = outcome.reason() == ProcessOutcome.Reason.EXITED && outcome.exitCode() == 0;
    boolean stopped =
        run.reason() != null
            && (outcome.reason() == ProcessOutcome.Reason.CANCELLED
                || (run.inherited() && !completed));
    RunState state = stopped ? run.stopState() : verdict.state();
    String message = stopped ? run.reason() : verdict.message();
    if (state == RunState.SUCCESS) {
      Optional<String> refused =
          collection.collect(run.id(), workspace(run.id()), image -> imageDigest(run, image));
      if (refused.isPresent()) {
        state = RunState.FAILURE; // the job's own doing (too large, a link out): never retried
        message = refused.get();
      }
    }
    RunResults results = afterRun(run.id(), after, state);
    free.run();
    if (records.finish(run.id(), state, message, results)) {
      forget(run.id());
    }
    run.settle();
  }

  /** Asked only for a run that ran in an image and collects: an engine query per run. */
  private String imageDigest(HeldRun run, String image) {
    return run.launched() ? launcher.imageDigest(run.id(), image).orElse("") : "";
  }

  private static RunResults afterRun(
      String runId, Function<RunState, RunResults> after, RunState state) {
    try {
      return after.apply(state);
    } catch (RuntimeException e) {
      LOG.errorf(e, "run %s: reading its reports or saving its caches failed", runId);
      return RunResults.NONE;
    }
  }

  /** Restores caches into a built workspace; a failure leaves them empty, never fails the run. */
  void beforeRun(RunRecord running, RunSpec spec, Workspace ws) {
    try {
      hooks.beforeRun(running, spec, ws.dir());
    } catch (RuntimeException e) {
      LOG.errorf(e, "run %s: restoring its caches failed", running.id());
    }
  }

  RunHooks hooks() {
    return hooks;
  }

  /** Successful runs hand their {@code artifacts.paths} to {@code artifacts}. */
  public LocalExecutor collecting(RunArtifacts artifacts) {
    collection.use(artifacts);
    return this;
  }

  /** The run's end is stored: its supervisor's folder, with the exit file, can go. */
  void forget(String runId) {
    try {
      supervision(runId).delete();
    } catch (IOException e) {
      LOG.warnf("cannot delete the supervisor folder of %s: %s", runId, e.getMessage());
    }
  }

  Instant now() {
    return clock.instant();
  }

  java.util.concurrent.Executor pool() {
    return pool;
  }

  void release(HeldRun run) {
    deleteWorkspace(run.id());
    collection.forget(run.id());
    if (run.launched()) {
      launcher.release(run.id());
    }
    held.remove(run.id(), run);
  }

  void deleteWorkspace(String runId) {
    try {
      FileUtils.delete(
          workspace(runId).toFile(),
          FileUtils.RECURSIVE | FileUtils.SKIP_MISSING | FileUtils.IGNORE_ERRORS);
    } catch (IOException e) {
      LOG.warnf("cannot delete the workspace of %s: %s", runId, e.getMessage());
    }
  }
}
