package dev.ciorchestrator.artifact;

import dev.ciorchestrator.executor.RunArtifacts;
import io.quarkus.scheduler.Scheduled;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/** The service's artifact store: fed by the executors, read by the API, expired on a schedule. */
@Singleton
public class Artifacts implements RunArtifacts {
  private static final Logger LOG = Logger.getLogger(Artifacts.class);

  private final ArtifactStore store;

  @Inject
  Artifacts(ArtifactSettings settings, Clock clock) {
    this(
        new ArtifactStore(
            settings.dir(),
            new ArtifactStore.Limits(
                settings.maxRunSize().asLongValue(),
                settings.maxTotalSize().asLongValue(),
                settings.retention()),
            clock));
  }

  private Artifacts(ArtifactStore store) {
    this.store = store;
  }

  /** The executors' view of {@code store}, outside the service (tests, the CLI). */
  public static Artifacts over(ArtifactStore store) {
    return new Artifacts(store);
  }

  public ArtifactStore store() {
    return store;
  }

  @Override
  public Optional<String> collect(String runId, Path workspace, List<String> globs) {
    try {
      Manifest m = store.collect(runId, workspace, globs);
      LOG.infof(
          "run %s: collected %d artifacts (%d bytes)", runId, m.files().size(), m.totalSize());
      return Optional.empty();
    } catch (ArtifactException e) {
      return Optional.of(e.getMessage());
    } catch (IOException | RuntimeException e) {
      return Optional.of("artifacts: collection failed: " + e.getMessage());
    }
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
