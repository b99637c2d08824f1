package dev.ciorchestrator.config.sync;

import dev.ciorchestrator.config.loading.ConfigLoader;
import dev.ciorchestrator.config.loading.ConfigSources;
import dev.ciorchestrator.config.loading.UrlRedaction;
import dev.ciorchestrator.config.model.ConfigSnapshot;
import dev.ciorchestrator.policy.cel.CelPolicyEngine;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Clock;
import org.jboss.logging.Logger;

/**
 * Owns the service's {@link ConfigSync}: syncs once at startup, then every {@code
 * ci.config.sync-interval}, and whenever asked. Everything else reads the running snapshot from
 * here.
 */
@ApplicationScoped
@Startup
public class ConfigSyncService {
  private static final Logger LOG = Logger.getLogger(ConfigSyncService.class);

  private final LazySource source;
  private final ConfigSync sync;
  private final SyncObserver meters;

  @Inject
  public ConfigSyncService(ConfigSettings settings, Clock clock, SyncObserver meters) {
    String path = settings.path().orElse("");
    this.source =
        new LazySource(
            () ->
                ConfigSources.open(
                    settings.repoUrl(), settings.revision(), path, settings.cacheDir()),
            UrlRedaction.redact(settings.repoUrl())
                + "@"
                + settings.revision()
                + (path.isBlank() ? "" : ":" + path));
    ConfigLoader loader = new ConfigLoader(new CelPolicyEngine());
    this.sync = new ConfigSync(source, meters.timed(loader::load), clock);
    this.meters = meters;
  }

  /** The first sync blocks startup, so a started service already runs its config (if valid). */
  @PostConstruct
  void start() {
    syncQuietly();
  }

  @Scheduled(
      identity = "config-sync",
      every = "${ci.config.sync-interval:30s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void scheduled() {
    syncQuietly();
  }

  /** Checks the source now and loads a new revision; waits if a sync is already running. */
  public SyncStatus syncNow() {
    SyncStatus status = sync.sync();
    meters.synced(status);
    return status;
  }

  public SyncStatus status() {
    return sync.status();
  }

  /** The running snapshot; never null, empty before the first good load. */
  public ConfigSnapshot current() {
    return sync.current();
  }

  @PreDestroy
  void close() {
    try {
      source.close();
    } catch (IOException e) {
      LOG.debugf(e, "closing the config source failed");
    }
  }

  // ConfigSync reports failures in its status; this guards the scheduler against the unexpected
  private void syncQuietly() {
    try {
      syncNow();
    } catch (RuntimeException e) {
      LOG.errorf(e, "config sync failed unexpectedly");
    }
  }
}
