package dev.ciorchestrator.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * What is known about one run. Created once (create-if-absent on {@link #id()}) and then only moved
 * forward through {@link RunState}.
 *
 * @param baseSha the target branch SHA the head was merged onto in the workspace
 * @param configRevision the config repository SHA whose job definition the run used
 * @param causedBy who caused it: the change author, the commenter of {@code /test}, the pusher, or
 *     {@code schedule}
 * @param requestId the {@code /test} or {@code /retest} request that started it, empty otherwise;
 *     it lets the planner tell a request it already served from a new one after a crash
 * @param executor which executor ran it ({@code process}, {@code container}, {@code kubernetes}),
 *     set when it starts running; empty before, and in records written before the field existed.
 *     After a restart it routes the run's log, cancel and recovery to where it really ran, even if
 *     the job's {@code executor} or the deployment's default changed meanwhile
 * @param results what the run's reports said ({@link RunResults#NONE} until it ended with reports)
 */
public record RunRecord(
    RunKey key,
    RunState state,
    Trigger trigger,
    String causedBy,
    String requestId,
    String baseSha,
    String configRevision,
    Instant queuedAt,
    Instant startedAt,
    Instant finishedAt,
    String message,
    String executor,
    RunResults results) {
  public RunRecord {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(trigger, "trigger");
    causedBy = Objects.requireNonNullElse(causedBy, "");
    requestId = Objects.requireNonNullElse(requestId, "");
    baseSha = Objects.requireNonNullElse(baseSha, "");
    configRevision = Objects.requireNonNullElse(configRevision, "");
    Objects.requireNonNull(queuedAt, "queuedAt");
    message = Objects.requireNonNullElse(message, "");
    executor = Objects.requireNonNullElse(executor, "");
    results = Objects.requireNonNullElse(results, RunResults.NONE);
  }

  /** A record without results (they come once the run ended). */
  public RunRecord(
      RunKey key,
      RunState state,
      Trigger trigger,
      String causedBy,
      String requestId,
      String baseSha,
      String configRevision,
      Instant queuedAt,
      Instant startedAt,
      Instant finishedAt,
      String message,
      String executor) {
    this(
        key,
        state,
        trigger,
        causedBy,
        requestId,
        baseSha,
        configRevision,
        queuedAt,
        startedAt,
        finishedAt,
        message,
        executor,
        RunResults.NONE);
  }

  /** A record no executor has run yet. */
  public RunRecord(
      RunKey key,
      RunState state,
      Trigger trigger,
      String causedBy,
      String requestId,
      String baseSha,
      String configRevision,
      Instant queuedAt,
      Instant startedAt,
      Instant finishedAt,
      String message) {
    this(
        key,
        state,
        trigger,
        causedBy,
        requestId,
        baseSha,
        configRevision,
        queuedAt,
        startedAt,
        finishedAt,
        message,
        "");
  }

  public String id() {
    return key.id();
  }

  /**
   * Whether the run may move to {@code next}: only forward ({@code pending -> running -> terminal},
   * or straight from pending to a terminal state), never out of a terminal state.
   */
  public boolean canMoveTo(RunState next) {
    return !state.terminal() && next.ordinal() > state.ordinal();
  }

  public RunRecord withState(RunState next, Instant at, String why) {
    Instant started = startedAt == null && next != RunState.PENDING ? at : startedAt;
    Instant finished = next.terminal() ? at : null;
    return new RunRecord(
        key,
        next,
        trigger,
        causedBy,
        requestId,
        baseSha,
        configRevision,
        queuedAt,
        started,
        finished,
        why,
        executor,
        results);
  }

  /** This record as run by {@code name}. */
  public RunRecord withExecutor(String name) {
    return new RunRecord(
        key,
        state,
        trigger,
        causedBy,
        requestId,
        baseSha,
        configRevision,
        queuedAt,
        startedAt,
        finishedAt,
        message,
        name,
        results);
  }

  /** This record with what its reports said. */
  public RunRecord withResults(RunResults next) {
    return new RunRecord(
        key,
        state,
        trigger,
        causedBy,
        requestId,
        baseSha,
        configRevision,
        queuedAt,
        startedAt,
        finishedAt,
        message,
        executor,
        next);
  }
}
