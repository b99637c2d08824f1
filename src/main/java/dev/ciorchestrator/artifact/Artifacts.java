package dev.ciorchestrator.artifact;

import io.quarkus.scheduler.Scheduled;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Clock;
import org.jboss.logging.Logger;

/**
 * The service's artifact store: fed by the executors' {@code RunArtifacts} ({@code
 * supply.chain.RunSupply}), read by the API, expired on a schedule.
 */
@Singleton
public class Artifacts {
  private static final Logger LOG = Logger.getLogger(Artifacts.class);

  private final ArtifactStore store;

  @Inject
  Artifacts(ArtifactSettings settings, Clock clock) {
    this(new ArtifactStore(settings.dir(), limits(settings), clock));
  }

  /** The store's limits as the deployment sets them. */
  public static ArtifactStore.Limits limits(ArtifactSettings settings) {
    return new ArtifactStore.Limits(
        settings.maxRunSize().asLongValue(),
        settings.maxTotalSize().asLongValue(),
        settings.retention());
  }

  private Artifacts(ArtifactStore store) {
    this.store = store;
  }

  public ArtifactStore store() {
    return store;
  }

  @Scheduled(every = "${ci.artifacts.expiry-interval:1h}", delayed = "1m")
  void expire() {
    try {
      int deleted = store.expire();
      if (deleted > 0) {
        LOG.infof("artifacts: %d expired blobs deleted", deleted);
      }
    } catch (IOException | RuntimeException e) {
      LOG.warnf("artifacts: expiry failed, retried next time: %s", e.getMessage());
    }
  }
}
