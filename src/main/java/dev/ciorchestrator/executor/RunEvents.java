package dev.ciorchestrator.executor;

import dev.ciorchestrator.domain.RunRecord;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jboss.logging.Logger;

/**
 * The executor's one {@link RunListener}, which others join: the executor is built before the
 * reconcile loop exists (and without knowing it), so the loop calls {@link #register} once it
 * starts. Plain Java, so the loop needs no CDI event types to listen.
 */
public final class RunEvents implements RunListener {
  private static final Logger LOG = Logger.getLogger(RunEvents.class);

  private final List<RunListener> listeners = new CopyOnWriteArrayList<>();

  /**
   * {@code listener} hears every later change; it runs on an executor thread and must not block.
   */
  public void register(RunListener listener) {
    listeners.add(listener);
  }

  public void unregister(RunListener listener) {
    listeners.remove(listener);
  }

  /** Each listener's log lines carry the run's id, repository and job ({@link RunContext}). */
  @Override
  @SuppressWarnings("try") // a RunContext is a logging scope: opened and closed, never read
  public void changed(RunRecord run) {
    try (RunContext ignored = RunContext.of(run.id(), run.key().repo(), run.key().job())) {
      for (RunListener listener : listeners) {
        try {
          listener.changed(run);
        } catch (RuntimeException e) {
          // one broken listener must not keep the others (or the executor) from going on
          LOG.warnf(e, "run listener failed for %s", run.id());
        }
      }
    }
  }
}
