package dev.ciorchestrator.executor;

import dev.ciorchestrator.config.model.ExecutorKind;
import dev.ciorchestrator.config.model.Job;
import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.domain.RunState;
import dev.ciorchestrator.run.RunStore;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * The service's one {@link Executor}: sends each run to the executor its job chose ({@code
 * executor:}) or the deployment's default, and everything later about a run to the executor that
 * holds it.
 *
 * <p>Which executor holds a run: while this router runs, the one it routed the run to; after a
 * restart, the one named in the run's record ({@link RunRecord#executor()}, written when the run
 * started running), so a run is recovered, cancelled and its log read where it really ran even if
 * its job's choice changed meanwhile. A pending run never ran anywhere, so it goes where its job
 * says now.
 */
public final class ExecutorRouter implements Executor {
  private static final Logger LOG = Logger.getLogger(ExecutorRouter.class);

  private final Map<ExecutorKind, Executor> enabled;
  private final ExecutorKind defaultKind;
  private final RunStore store;
  private final Clock clock;
  private final RunListener listener;
  // runs routed since this router started and not yet ended; the record answers for the others
  private final Map<String, ExecutorKind> routed = new ConcurrentHashMap<>();

  /**
   * @param enabled the executors this deployment offers
   * @param defaultKind for jobs that do not choose; must be enabled
   * @param listener told when the router itself ends a run (its executor is not enabled)
   */
  public ExecutorRouter(
      Map<ExecutorKind, Executor> enabled,
      ExecutorKind defaultKind,
      RunStore store,
      Clock clock,
      RunListener listener) {
    this.enabled = new EnumMap<>(enabled);
    if (!this.enabled.containsKey(defaultKind)) {
      throw new IllegalArgumentException(
          "ci.executor.default is %s, but ci.executor.enabled lists only %s"
              .formatted(defaultKind.wire(), names()));
    }
    this.defaultKind = defaultKind;
    this.store = store;
    this.clock = clock;
    this.listener = listener;
  }

  /** The executor a job runs on: its own choice, or the deployment's default. */
  public ExecutorKind choice(Job job) {
    return job.executor() == null ? defaultKind : job.executor();
  }

  @Override
  public void start(RunRecord run, RunSpec spec) {
    dispatch(run, choice(spec.job())).ifPresent(e -> e.start(run, spec));
  }

  @Override
  public boolean cancel(String runId, String reason) {
    Optional<Executor> holder = holder(runId).map(enabled::get);
    if (holder.isPresent()) {
      return holder.get().cancel(runId, reason);
    }
    // not known here: whoever holds it says so, the others answer false
    for (Executor executor : enabled.values()) {
      if (executor.cancel(runId, reason)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void recover(RunRecord run, Optional<RunSpec> spec) {
    ExecutorKind kind =
        ExecutorKind.ofWire(run.executor())
            .orElseGet(() -> spec.map(s -> choice(s.job())).orElse(defaultKind));
    dispatch(run, kind).ifPresent(e -> e.recover(run, spec));
  }

  @Override
  public Path logFile(String runId) {
    return enabled
        .get(holder(runId).filter(enabled::containsKey).orElse(defaultKind))
        .logFile(runId);
  }

  /** Told of every move of every run: an ended run need not be remembered here any more. */
  public void forget(RunRecord run) {
    if (run.state().terminal()) {
      routed.remove(run.id());
    }
  }

  private Optional<ExecutorKind> holder(String runId) {
    ExecutorKind kind = routed.get(runId);
    if (kind != null) {
      return Optional.of(kind);
    }
    try {
      return store.get(runId).flatMap(r -> ExecutorKind.ofWire(r.executor()));
    } catch (IOException | IllegalArgumentException e) {
      return Optional.empty(); // not a run id, or unreadable: nobody can hold it
    }
  }

  /** The executor for {@code kind}, or empty after ending the run: this deployment lacks it. */
  private Optional<Executor> dispatch(RunRecord run, ExecutorKind kind) {
    Executor executor = enabled.get(kind);
    if (executor == null) {
      refuse(run, kind);
      return Optional.empty();
    }
    routed.put(run.id(), kind);
    return Optional.of(executor);
  }

  private void refuse(RunRecord run, ExecutorKind kind) {
    String why =
        "executor %s is not enabled in this deployment (ci.executor.enabled: %s)"
            .formatted(kind.wire(), names());
    try {
      Optional<RunRecord> current = store.get(run.id());
      if (current.isEmpty() || !current.get().canMoveTo(RunState.ERROR)) {
        return;
      }
      RunRecord ended = current.get().withState(RunState.ERROR, clock.instant(), why);
      store.update(ended);
      listener.changed(ended);
    } catch (IllegalStateException e) {
      // it moved on meanwhile (an abort): that end stands
    } catch (IOException e) {
      LOG.errorf("cannot end run %s (%s): %s", run.id(), why, e.getMessage());
    }
  }

  private String names() {
    return enabled.keySet().stream().map(ExecutorKind::wire).collect(Collectors.joining(", "));
  }
}
