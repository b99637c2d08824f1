package dev.ciorchestrator.executor.kubernetes;

import dev.ciorchestrator.artifact.ArtifactSettings;
import dev.ciorchestrator.run.RunStore;
import dev.ciorchestrator.run.WriteFence;
import dev.ciorchestrator.run.wiring.StoreProducer;
import dev.ciorchestrator.run.wiring.StoreSettings;
import dev.ciorchestrator.upload.PostgresUploadStaging;
import dev.ciorchestrator.upload.RunUploads;
import dev.ciorchestrator.upload.UploadStaging;
import dev.ciorchestrator.upload.UploadTokens;
import dev.ciorchestrator.upload.Uploads;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The controller's side of the pods' uploads, shared by the upload API (which stages what arrives)
 * and the executor (which takes it in when a run ends), each run bounded by {@code
 * ci.artifacts.max-run-size}: staged in the database with the PostgreSQL store, so a failover loses
 * nothing (the new leader sweeps what a dead one left), or else under {@code
 * <work-dir>/uploads/<runId>/}.
 */
@ApplicationScoped
public class UploadBeans {
  private static final Logger LOG = Logger.getLogger(UploadBeans.class);

  @Produces
  @Singleton
  UploadStaging staging(
      KubernetesExecutorSettings settings,
      ArtifactSettings artifacts,
      StoreSettings store,
      Instance<StoreProducer> stores,
      WriteFence fence) {
    Path dir = settings.workDir().resolve("uploads");
    long quota = artifacts.maxRunSize().asLongValue();
    if (store.kind() != StoreSettings.Kind.POSTGRES) {
      return new RunUploads(dir, quota);
    }
    PostgresUploadStaging staging =
        new PostgresUploadStaging(stores.get().database(), fence, dir, quota);
    fence.watch(
        new WriteFence.Watcher() {
          @Override
          public void leading() {
            // off the electing thread, which must not wait for the database
            Thread sweep = new Thread(() -> sweep(staging), "ci-upload-sweep");
            sweep.setDaemon(true);
            sweep.start();
          }

          @Override
          public void following() {}
        });
    return staging;
  }

  private static void sweep(PostgresUploadStaging staging) {
    try {
      int gone = staging.sweep().size();
      if (gone > 0) {
        LOG.infof("deleted the staged uploads of %d runs that had ended", gone);
      }
    } catch (IOException e) {
      LOG.warnf(
          "cannot sweep the staged uploads of ended runs (the next leader tries again): %s",
          e.getMessage());
    }
  }

  @Produces
  @Singleton
  UploadTokens uploadTokens(KubernetesExecutorSettings settings) {
    try {
      return UploadTokens.of(
          settings.uploadKey().orElse(null), settings.workDir().resolve("upload.key"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or make the Kubernetes upload key", e);
    }
  }

  @Produces
  @Singleton
  Uploads uploads(RunStore runs, UploadTokens tokens, UploadStaging staging) {
    return new Uploads(runs, tokens, staging);
  }

  void checkKey(
      @Observes StartupEvent event, KubernetesExecutorSettings settings, StoreSettings store) {
    keyWarning(
            store.kind() == StoreSettings.Kind.POSTGRES, settings.uploadKey(), settings.uploadUrl())
        .ifPresent(LOG::warn);
  }

  /**
   * Why the upload key must be set when replicas share a store and pods upload: a key each replica
   * generates for itself makes the tokens of running pods worthless to the next leader.
   */
  static Optional<String> keyWarning(
      boolean sharedStore, Optional<String> key, Optional<String> uploadUrl) {
    if (!sharedStore || uploadUrl.isEmpty() || key.filter(k -> !k.isBlank()).isPresent()) {
      return Optional.empty();
    }
    return Optional.of(
        "ci.executor.kubernetes.upload-key is not set, with ci.store.kind=postgres: each replica"
            + " generates its own key into <work-dir>/upload.key, so after a failover the new"
            + " leader refuses the upload tokens of running pods (403) and their artifacts,"
            + " reports and logs are lost. Give every replica the same key (a Secret, as"
            + " CI_EXECUTOR_KUBERNETES_UPLOAD_KEY).");
  }
}
