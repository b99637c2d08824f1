package dev.ciorchestrator.executor.process;

import dev.ciorchestrator.executor.process.ProcessOutcome.Reason;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A started job process. Its {@link #outcome()} completes only once the whole process tree is gone,
 * so a finished run never leaves a stray {@code sleep 60 &} holding ports or the workspace.
 */
public final class RunningProcess {
  private final Process process;
  private final long startNanos;
  private final Duration timeout;
  private final Duration killGrace;
  private final Stopper stopper;
  private final AtomicReference<Reason> stopReason = new AtomicReference<>();
  private final CompletableFuture<Void> treeGone = new CompletableFuture<>();
  private final CompletableFuture<ProcessOutcome> outcome;

  private RunningProcess(
      Process process, long startNanos, Duration timeout, Duration killGrace, Stopper stopper) {
    this.process = process;
    this.startNanos = startNanos;
    this.timeout = timeout;
    this.killGrace = killGrace;
    this.stopper = stopper;
    this.outcome =
        process
            .onExit()
            // a stop that began before the exit must finish killing the children first
            .thenCompose(
                p -> stopReason.get() == null ? CompletableFuture.completedFuture(null) : treeGone)
            .thenApply(ignored -> describe());
  }

  static RunningProcess watch(
      Process process, long startNanos, Duration timeout, Duration grace, Stopper stopper) {
    RunningProcess running = new RunningProcess(process, startNanos, timeout, grace, stopper);
    process
        .onExit()
        .copy()
        .orTimeout(timeout.toNanos(), TimeUnit.NANOSECONDS)
        .whenComplete(
            (p, error) -> {
              if (error instanceof TimeoutException) {
                running.stop(Reason.TIMED_OUT);
              }
            });
    return running;
  }

  /** A run whose program could not start; its outcome is already there. */
  public static RunningProcess notStarted(String why) {
    return new RunningProcess(ProcessOutcome.failedToStart(why));
  }

  private RunningProcess(ProcessOutcome failed) {
    this.process = null;
    this.startNanos = 0;
    this.timeout = Duration.ZERO;
    this.killGrace = Duration.ZERO;
    this.stopper = Stopper.PROCESS_TREE;
    this.outcome = CompletableFuture.completedFuture(failed);
  }

  /** Completes when the process tree is gone; never exceptionally. */
  public CompletableFuture<ProcessOutcome> outcome() {
    return outcome;
  }

  /** Kills the whole process tree; the outcome becomes CANCELLED unless it already ended. */
  public void cancel() {
    if (process != null) {
      stop(Reason.CANCELLED);
    }
  }

  private void stop(Reason reason) {
    // first stop wins: a cancel during the timeout kill must not turn TIMED_OUT into CANCELLED
    if (!process.isAlive() || !stopReason.compareAndSet(null, reason)) {
      return;
    }
    stopper
        .stop(process.toHandle(), killGrace)
        .whenComplete((ignored, error) -> treeGone.complete(null));
  }

  private ProcessOutcome describe() {
    Duration elapsed = Duration.ofNanos(System.nanoTime() - startNanos);
    int exitCode = process.exitValue();
    Reason reason = stopReason.get();
    if (reason == null) {
      return new ProcessOutcome(exitCode, Reason.EXITED, elapsed, "exit code " + exitCode);
    }
    String message = reason == Reason.TIMED_OUT ? "timed out after " + human(timeout) : "cancelled";
    return new ProcessOutcome(exitCode, reason, elapsed, message);
  }

  /** "1s", "1m30s", "1.5s", "250ms": the form people write timeouts in config. */
  static String human(Duration d) {
    if (d.toSeconds() == 0) {
      return d.toMillis() + "ms";
    }
    return d.toString().substring(2).toLowerCase(Locale.ROOT);
  }
}
