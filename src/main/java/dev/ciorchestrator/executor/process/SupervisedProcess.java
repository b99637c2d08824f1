package dev.ciorchestrator.executor.process;

import dev.ciorchestrator.executor.process.ProcessOutcome.Reason;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A job under its supervisor ({@link Supervisor}): started by this JVM (its child, whose end the
 * JVM hears at once) or adopted from an earlier orchestrator (polled). Its outcome is what the
 * supervisor wrote to its exit file, after a sweep of whatever of the run is still alive.
 */
final class SupervisedProcess implements RunningProcess {
  private static final Executor POLL =
      CompletableFuture.delayedExecutor(200, TimeUnit.MILLISECONDS);

  private enum Phase {
    RUNNING,
    /** Let go ({@link #letGo}): the supervisor's end is the next orchestrator's to sweep. */
    LET_GO,
    STOPPING,
    OVER
  }

  private final SupervisorDir dir;
  private final Process child;
  private final Duration grace;
  private final Stopper preStop;
  private final AtomicReference<Phase> phase = new AtomicReference<>(Phase.RUNNING);
  private volatile long stopAtMillis;
  private final CompletableFuture<Void> stopped = new CompletableFuture<>();
  private final CompletableFuture<ProcessOutcome> outcome;

  private SupervisedProcess(
      SupervisorDir dir,
      Process child,
      CompletableFuture<?> supervisorGone,
      Duration grace,
      Stopper preStop) {
    this.dir = dir;
    this.child = child;
    this.grace = grace;
    this.preStop = preStop;
    this.outcome =
        supervisorGone
            .handle((ignored, error) -> null)
            .thenCompose(ignored -> afterSupervisor())
            .handle((ignored, error) -> describe());
  }

  /**
   * The supervisor is gone. Over by itself: sweep what it left (no job outlives its run). Stopped
   * by us: the stop sweeps, and must finish. Let go: the orchestrator that adopts the run sweeps,
   * after it has seen what is left; sweeping here would kill the job from under it.
   */
  private CompletableFuture<?> afterSupervisor() {
    Phase was = phase.compareAndExchange(Phase.RUNNING, Phase.OVER);
    if (was == Phase.RUNNING) {
      return Supervisor.killAll(dir, grace);
    }
    if (was == Phase.LET_GO && phase.compareAndSet(Phase.LET_GO, Phase.OVER)) {
      return CompletableFuture.completedFuture(null);
    }
    return stopped; // a cancel came first (or right after the let-go)
  }

  static RunningProcess child(Process child, SupervisorDir dir, Duration grace, Stopper preStop) {
    return new SupervisedProcess(dir, child, child.onExit(), grace, preStop);
  }

  static RunningProcess adopted(SupervisorDir dir, Duration grace, Stopper preStop) {
    CompletableFuture<Void> gone = new CompletableFuture<>();
    awaitGone(dir, gone);
    return new SupervisedProcess(dir, null, gone, grace, preStop);
  }

  /**
   * Until the supervisor is gone. One that has not written its record yet may still be starting
   * (the orchestrator died right after starting it) and would then start the job: it counts as gone
   * only once its folder is older than {@link SupervisorDir#STARTUP}.
   */
  private static void awaitGone(SupervisorDir dir, CompletableFuture<Void> gone) {
    Optional<ProcessIdentity> supervisor = dir.supervisor();
    boolean running = supervisor.isPresent() ? supervisor.get().alive() : dir.mayStillBeStarting();
    if (running) {
      POLL.execute(() -> awaitGone(dir, gone));
    } else {
      gone.complete(null);
    }
  }

  @Override
  public CompletableFuture<ProcessOutcome> outcome() {
    return outcome;
  }

  /**
   * Stops the job: first as the launcher knows how (a container through its engine), then its
   * process group and every process marked as the run's. The supervisor sees the job end and
   * records it; a job that already ended is left as it ended.
   */
  @Override
  public void letGo() {
    phase.compareAndSet(Phase.RUNNING, Phase.LET_GO);
  }

  @Override
  public void cancel() {
    if (dir.exit().isPresent() || !stopping()) {
      return;
    }
    stopAtMillis = System.currentTimeMillis(); // before any signal: a job that ended earlier wins
    // before the signals: a job not yet recorded, which they cannot find, sees it and never starts
    dir.requestStop();
    Optional<ProcessHandle> target =
        dir.job().flatMap(ProcessIdentity::handle).or(() -> Optional.ofNullable(handle()));
    target
        .map(h -> preStop.stop(h, grace))
        .orElseGet(() -> CompletableFuture.completedFuture(null))
        .handle((ignored, error) -> null)
        .thenCompose(ignored -> Supervisor.killAll(dir, grace))
        .whenComplete((ignored, error) -> stopped.complete(null));
  }

  /** Moves to STOPPING from a phase that can still be stopped; false if it was already. */
  private boolean stopping() {
    return phase.compareAndSet(Phase.RUNNING, Phase.STOPPING)
        || phase.compareAndSet(Phase.LET_GO, Phase.STOPPING);
  }

  private ProcessHandle handle() {
    return child != null
        ? child.toHandle()
        : dir.supervisor().flatMap(ProcessIdentity::handle).orElse(null);
  }

  /**
   * The stop and the job's own end raced, and the job won: it ended before the stop began, or it
   * exited 0, which a stopped job does not (a job that completed keeps its success).
   */
  private boolean endedByItself(SupervisorDir.Exit exit) {
    return exit.endedBefore(stopAtMillis) || (exit.code() == 0 && !exit.timedOut());
  }

  private String lost() {
    if (child != null) {
      return "the run's supervisor ended (status "
          + child.exitValue()
          + ") without recording how"
          + " the job ended; see the run's log";
    }
    if (dir.supervisor().isEmpty()) {
      // it records itself before it starts the job: this job never ran
      return "the run's supervisor never started (the orchestrator stopped while starting it), so"
          + " its job did not run";
    }
    return "the run's supervisor is gone and left no exit code (killed, or the machine restarted)";
  }

  private ProcessOutcome describe() {
    Optional<SupervisorDir.Exit> exit = dir.exit();
    Duration elapsed = exit.map(SupervisorDir.Exit::elapsed).orElse(Duration.ZERO);
    int code = exit.map(SupervisorDir.Exit::code).orElse(-1);
    if (phase.get() == Phase.STOPPING && !exit.filter(this::endedByItself).isPresent()) {
      return new ProcessOutcome(code, Reason.CANCELLED, elapsed, "cancelled");
    }
    if (exit.isEmpty()) {
      return new ProcessOutcome(-1, Reason.LOST, elapsed, lost());
    }
    if (exit.get().timedOut()) {
      String message = dir.timeout().map(RunningProcess::timedOut).orElse("timed out");
      return new ProcessOutcome(code, Reason.TIMED_OUT, elapsed, message);
    }
    return new ProcessOutcome(code, Reason.EXITED, elapsed, "exit code " + code);
  }
}
