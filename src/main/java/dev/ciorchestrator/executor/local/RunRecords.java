package dev.ciorchestrator.executor.local;

import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.domain.RunResults;
import dev.ciorchestrator.domain.RunState;
import dev.ciorchestrator.executor.RunListener;
import dev.ciorchestrator.run.RunStore;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.jboss.logging.Logger;

/**
 * How a {@link LocalExecutor} reads and moves its runs' records: through the store, retried while
 * the store fails ({@link StoreRetry}), and told to the listener once stored.
 */
final class RunRecords {
  private static final Logger LOG = Logger.getLogger(RunRecords.class);

  private final RunStore store;
  private final RunListener listener;
  private final Clock clock;
  private final StoreRetry writes;

  RunRecords(RunStore store, RunListener listener, Clock clock, StoreRetry writes) {
    this.store = store;
    this.listener = listener;
    this.clock = clock;
    this.writes = writes;
  }

  /**
   * The record as stored now, the store retried while it fails: a run whose record cannot be read
   * must not be dropped and left pending. Empty if there is none.
   */
  Optional<RunRecord> stored(String runId) {
    return writes.until("reading run " + runId, () -> store.get(runId));
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

  /**
   * Moves the stored record to terminal {@code state} unless it already moved past it.
   *
   * @return true once the run's record is terminal (by this move or an earlier one)
   */
  boolean finish(String runId, RunState state, String message) {
    return finish(runId, state, message, RunResults.NONE);
  }

  /** {@link #finish(String, RunState, String)} with what the run's reports said. */
  boolean finish(String runId, RunState state, String message, RunResults results) {
    Optional<RunRecord> stored =
        writes.until(
            "storing run " + runId + " as " + state.wire(),
            () -> {
              Optional<RunRecord> now = store.get(runId);
              if (now.isEmpty() || !now.get().canMoveTo(state)) {
                return Optional.empty();
              }
              RunRecord next =
                  now.get().withState(state, clock.instant(), message).withResults(results);
              store.update(next);
              return Optional.of(next);
            });
    stored.ifPresent(this::tell);
    return stored.isPresent() || current(runId).filter(r -> r.state().terminal()).isPresent();
  }

  /**
   * Stores {@code next} (the move to {@code running}) unless {@code refused} says otherwise before
   * a try (the service began stopping: the run stays {@code pending}, never started).
   *
   * @return false if it was not stored: refused, or someone else moved the record first
   */
  boolean move(RunRecord next, BooleanSupplier refused) {
    Optional<RunRecord> stored =
        writes.until(
            "storing run " + next.id() + " as " + next.state().wire(),
            () -> {
              if (refused.getAsBoolean()) {
                return Optional.empty();
              }
              store.update(next);
              return Optional.of(next);
            });
    stored.ifPresent(this::tell);
    return stored.isPresent();
  }

  private void tell(RunRecord next) {
    try {
      listener.changed(next);
    } catch (RuntimeException e) {
      LOG.warnf(e, "run listener failed for %s", next.id());
    }
  }
}
