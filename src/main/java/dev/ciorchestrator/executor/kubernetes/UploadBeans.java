package dev.ciorchestrator.executor.kubernetes;

import dev.ciorchestrator.artifact.ArtifactSettings;
import dev.ciorchestrator.run.RunStore;
import dev.ciorchestrator.upload.RunUploads;
import dev.ciorchestrator.upload.UploadTokens;
import dev.ciorchestrator.upload.Uploads;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The controller's side of the pods' uploads, shared by the upload API (which stages what arrives)
 * and the executor (which takes it in when a run ends): staged under {@code
 * <work-dir>/uploads/<runId>/}, each run bounded by {@code ci.artifacts.max-run-size}.
 */
@ApplicationScoped
public class UploadBeans {
  @Produces
  @Singleton
  RunUploads runUploads(KubernetesExecutorSettings settings, ArtifactSettings artifacts) {
    return new RunUploads(
        settings.workDir().resolve("uploads"), artifacts.maxRunSize().asLongValue());
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
  Uploads uploads(RunStore runs, UploadTokens tokens, RunUploads staging) {
    return new Uploads(runs, tokens, staging);
  }
}
