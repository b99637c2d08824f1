package dev.ciorchestrator.artifact;

import dev.ciorchestrator.run.WriteFence;
import dev.ciorchestrator.run.wiring.StoreProducer;
import dev.ciorchestrator.run.wiring.StoreSettings;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.inject.Instance;
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
  Artifacts(
      ArtifactSettings settings,
      StoreSettings stores,
      Instance<StoreProducer> database,
      WriteFence fence,
      Clock clock) {
    this(
        new ArtifactStore(
            settings.dir(),
            shelf(settings, stores, database, fence, clock),
            limits(settings),
            clock));
  }

  /** The database's shelf when the store is shared there; {@code null} for the folder alone. */
  private static ArtifactShelf shelf(
      ArtifactSettings settings,
      StoreSettings stores,
      Instance<StoreProducer> database,
      WriteFence fence,
      Clock clock) {
    boolean postgres = stores.kind() == StoreSettings.Kind.POSTGRES;
    ArtifactSettings.Home home = settings.store();
    if (home == ArtifactSettings.Home.DATABASE && !postgres) {
      throw new IllegalStateException(
          "ci.artifacts.store=database needs ci.store.kind=postgres (the database it keeps them in)");
    }
    if (home == ArtifactSettings.Home.DISK || !postgres) {
      return null;
    }
    return new PostgresShelf(database.get().database(), fence, clock);
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

  /** Whether every replica reads the same store (in the database), not only the leader's folder. */
  public boolean shared() {
    return store.shared();
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
