package dev.ciorchestrator.forge.webhook;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Runs a config sync in the background when asked, so a push delivery is answered at once (GitHub
 * gives up after 10 s, GitLab and Gitea soon after, and a sync may fetch). Requests made while one
 * is queued fold into it: a burst of pushes costs one sync, which reads the newest revision anyway.
 */
public final class ConfigRefresh implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(ConfigRefresh.class);

  private final Runnable sync;
  private final AtomicBoolean queued = new AtomicBoolean();
  private final ExecutorService thread =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "webhook-config-refresh");
            t.setDaemon(true);
            return t;
          });

  public ConfigRefresh(Runnable sync) {
    this.sync = sync;
  }

  /** Asks for a sync; returns at once. */
  public void request() {
    if (queued.compareAndSet(false, true)) {
      thread.execute(this::run);
    }
  }

  private void run() {
    queued.set(false); // a push arriving from here on needs a sync of its own
    try {
      sync.run();
    } catch (RuntimeException e) {
      LOG.errorf(e, "config sync asked for by a push delivery failed unexpectedly");
    }
  }

  @Override
  public void close() {
    thread.shutdownNow();
  }
}
