package dev.ciorchestrator.runtime;

import dev.ciorchestrator.metrics.RetentionMeters;
import dev.ciorchestrator.run.Retention;
import dev.ciorchestrator.run.RunStore;
import dev.ciorchestrator.run.wiring.StoreSettings;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import org.jboss.logging.Logger;

/**
 * Deletes finished runs and their logs older than {@code ci.store.retention}, and forgets the
 * controller's memory of the changes the forge no longer lists as open and nothing was remembered
 * of since (an open change keeps its memory, however old: its served commands must never be
 * answered again). On the leader only (followers never write run state), in batches of {@code
 * ci.store.retention-batch} with the database free between them, so a first pass over years of
 * history never holds it for long.
 */
@ApplicationScoped
@Startup // checks its settings at start, not at the first pass
public class RetentionService {
  private static final Logger LOG = Logger.getLogger(RetentionService.class);

  private final StoreSettings settings;
  private final ReconcileService service;
  private final Clock clock;
  private final RetentionMeters meters;
  private final RetentionPass pass;

  public RetentionService(
      StoreSettings settings,
      RunStore store,
      ReconcileService service,
      Clock clock,
      RetentionMeters meters) {
    this.settings = settings;
    this.service = service;
    this.clock = clock;
    this.meters = meters;
    if (settings.retention().isPresent() && !(store instanceof Retention)) {
      throw new IllegalStateException(
          "ci.store.retention is set, but the "
              + settings.kind().name().toLowerCase(Locale.ROOT)
              + " store keeps every run");
    }
    if (settings.retentionBatch() < 1) {
      throw new IllegalStateException(
          "ci.store.retention-batch must be at least 1, got " + settings.retentionBatch());
    }
    this.pass =
        store instanceof Retention r ? new RetentionPass(r, settings.retentionBatch()) : null;
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
    RetentionPass.Deleted deleted =
        pass.run(cutoff, service.memoryRetention(), service.openChanges());
    meters.deleted(deleted.runs(), deleted.changes());
    if (deleted.runs() + deleted.changes() > 0) {
      LOG.infof(
          "retention: deleted %d runs that finished before %s and forgot %d closed changes"
              + " remembered last before then",
          deleted.runs(), cutoff, deleted.changes());
    }
  }
}
