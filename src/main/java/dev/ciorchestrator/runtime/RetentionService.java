package dev.ciorchestrator.runtime;

import dev.ciorchestrator.run.Retention;
import dev.ciorchestrator.run.RunStore;
import dev.ciorchestrator.run.wiring.StoreSettings;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import org.jboss.logging.Logger;

/**
 * Deletes finished runs and their logs older than {@code ci.store.retention}, on the leader only
 * (followers never write run state), in batches of {@code ci.store.retention-batch} with the
 * database free between them, so a first pass over years of history never holds it for long.
 */
@ApplicationScoped
@Startup // checks its settings at start, not at the first pass
public class RetentionService {
  private static final Logger LOG = Logger.getLogger(RetentionService.class);

  /** Batches per pass; the rest waits for the next pass. */
  static final int MAX_BATCHES = 100;

  private final StoreSettings settings;
  private final RunStore store;
  private final ReconcileService service;
  private final Clock clock;

  public RetentionService(
      StoreSettings settings, RunStore store, ReconcileService service, Clock clock) {
    this.settings = settings;
    this.store = store;
    this.service = service;
    this.clock = clock;
    if (settings.retention().isPresent() && !(store instanceof Retention)) {
      throw new IllegalStateException(
          "ci.store.retention is set, but the "
              + settings.kind().name().toLowerCase(Locale.ROOT)
              + " store keeps every run: it needs ci.store.kind=postgres");
    }
  }

  @Scheduled(
      identity = "retention",
      every = "${ci.store.retention-interval:1m}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void pass() {
    if (settings.retention().isEmpty() || !service.leader()) {
      return;
    }
    Instant cutoff = clock.instant().minus(settings.retention().get());
    int total = 0;
    try {
      for (int i = 0; i < MAX_BATCHES; i++) {
        int deleted = ((Retention) store).deleteFinishedBefore(cutoff, settings.retentionBatch());
        total += deleted;
        if (deleted < settings.retentionBatch()) {
          break;
        }
      }
    } catch (IOException | RuntimeException e) {
      LOG.warnf("retention pass failed (the next pass tries again): %s", e.getMessage());
    }
    if (total > 0) {
      LOG.infof("retention: deleted %d runs that finished before %s", total, cutoff);
    }
  }
}
