package dev.ciorchestrator.metrics;

import dev.ciorchestrator.config.sync.ConfigSync;
import dev.ciorchestrator.config.sync.SyncObserver;
import dev.ciorchestrator.config.sync.SyncState;
import dev.ciorchestrator.config.sync.SyncStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Config sync meters: the sync state (1 for the current state, 0 for the others; tagged with the
 * same {@link SyncState#wire()} names the API and the health check show), the running revision as
 * an info series, and how long loading a new revision took. The config sync tells this bean each
 * outcome ({@link #synced}); loads are timed by wrapping its loader ({@link #timed}).
 */
@ApplicationScoped
public class ConfigMeters implements SyncObserver {
  static final String SYNC_STATE = "ci_orchestrator.config.sync.state";
  static final String REVISION_INFO = "ci_orchestrator.config.revision.info";
  static final String LOAD_DURATION = "ci_orchestrator.config.load.duration";

  private final AtomicReference<SyncState> state = new AtomicReference<>(SyncState.OUT_OF_SYNC);
  private final AtomicReference<String> revision = new AtomicReference<>("");
  private final MultiGauge revisionInfo;
  private final Timer loads;

  @Inject
  public ConfigMeters(MeterRegistry registry) {
    for (SyncState s : SyncState.values()) {
      Gauge.builder(SYNC_STATE, state, current -> current.get() == s ? 1 : 0)
          .description("1 for the config sync's current state, 0 for the others")
          .tag("state", s.wire())
          .register(registry);
    }
    revisionInfo =
        MultiGauge.builder(REVISION_INFO)
            .description("1 for the config revision (SHA) running now")
            .register(registry);
    loads =
        Buckets.PASSES
            .on(
                Timer.builder(LOAD_DURATION)
                    .description("Time to load and validate one new config revision"))
            .register(registry);
  }

  @Override
  public ConfigSync.Loader timed(ConfigSync.Loader loader) {
    return (rev, files) -> loads.record(() -> loader.load(rev, files));
  }

  @Override
  public synchronized void synced(SyncStatus status) {
    state.set(status.state());
    String running = status.runningRevision();
    if (!running.equals(revision.getAndSet(running))) {
      // overwrite: the old revision's series goes, so only the running one reads 1
      revisionInfo.register(
          running.isEmpty()
              ? List.of()
              : List.of(MultiGauge.Row.of(Tags.of("revision", running), 1)),
          true);
    }
  }
}
