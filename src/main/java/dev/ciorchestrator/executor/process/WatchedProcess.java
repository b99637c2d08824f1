package dev.ciorchestrator.executor.process;

import dev.ciorchestrator.executor.process.ProcessOutcome.Reason;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A job process this JVM started and watches itself, as {@code ci-orchestrator run} does: its
 * timeout is this JVM's, and a stop kills its process tree. A stopped run's {@link #outcome()}
 * completes only once the whole tree is gone, so it never leaves a stray {@code sleep 60 &} holding
 * ports or the workspace. The service's runs are {@link SupervisedProcess}es instead, which outlive
 * the JVM.
 */
final class WatchedProcess implements RunningProcess {
  private final Process process;
  private final long startNanos;
  private final Duration timeout;
  private final Duration killGrace;
  private final Stopper stopper;
  private final AtomicReference<Reason> stopReason = new AtomicReference<>();
  private final CompletableFuture<Void> treeGone = new CompletableFuture<>();
  private final CompletableFuture<ProcessOutcome> outcome;

  private WatchedProcess(
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
    WatchedProcess running = new WatchedProcess(process, startNanos, timeout, grace, stopper);
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

  @Override
  public CompletableFuture<ProcessOutcome> outcome() {
    return outcome;
  }

  /** Kills the whole process tree; the outcome becomes CANCELLED unless it already ended. */
  @Override
  public void cancel() {
    stop(Reason.CANCELLED);
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
    String message = reason == Reason.TIMED_OUT ? RunningProcess.timedOut(timeout) : "cancelled";
    return new ProcessOutcome(exitCode, reason, elapsed, message);
  }
}
