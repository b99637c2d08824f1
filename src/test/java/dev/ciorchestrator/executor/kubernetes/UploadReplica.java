package dev.ciorchestrator.executor.kubernetes;

import dev.ciorchestrator.artifact.ArtifactShelf;
import dev.ciorchestrator.artifact.ArtifactStore;
import dev.ciorchestrator.cache.CacheEvents;
import dev.ciorchestrator.cache.CacheService;
import dev.ciorchestrator.cache.CacheStore;
import dev.ciorchestrator.cache.CacheTally;
import dev.ciorchestrator.cache.Eviction;
import dev.ciorchestrator.executor.process.JobSlots;
import dev.ciorchestrator.quality.QualityHooks;
import dev.ciorchestrator.reports.ReportLimits;
import dev.ciorchestrator.reports.ReportReader;
import dev.ciorchestrator.reports.ReportStore;
import dev.ciorchestrator.run.RunStore;
import dev.ciorchestrator.supply.chain.RunSupply;
import dev.ciorchestrator.supply.oci.Registries;
import dev.ciorchestrator.supply.sign.SigningKey;
import dev.ciorchestrator.upload.UploadStaging;
import dev.ciorchestrator.upload.UploadTokens;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * One controller of the upload tests: a Kubernetes executor on the mock API server that hands its
 * runs' uploads back from {@code staging} into its own artifact, report and cache stores under
 * {@code dir}, with the same {@link RunSupply} and {@link QualityHooks} as the service.
 */
final class UploadReplica implements AutoCloseable {
  final SigningKey key = SigningKey.generate();
  final ArtifactStore artifacts;
  final ReportStore reports;
  final KubernetesExecutor executor;
  private final ScheduledExecutorService pool = Executors.newScheduledThreadPool(4);

  /**
   * @param uploadUrl where the sidecars of the runs it starts upload to
   */
  UploadReplica(
      Path dir,
      ApiServer api,
      RunStore store,
      UploadStaging staging,
      UploadTokens tokens,
      String uploadUrl,
      RenderOptions options)
      throws IOException {
    this(dir, api, store, staging, tokens, uploadUrl, options, null);
  }

  /**
   * @param artifacts where it collects, or {@code null} for a store of its own under {@code dir}
   */
  UploadReplica(
      Path dir,
      ApiServer api,
      RunStore store,
      UploadStaging staging,
      UploadTokens tokens,
      String uploadUrl,
      RenderOptions options,
      ArtifactStore artifacts)
      throws IOException {
    Clock clock = Clock.systemUTC();
    this.artifacts = artifacts != null ? artifacts : artifactStore(dir, null, staging.quota());
    reports = new ReportStore(dir.resolve("reports"));
    CacheStore caches = new CacheStore(dir.resolve("caches"), clock);
    executor =
        new KubernetesExecutor(
                api.client(),
                ApiServer.NAMESPACE,
                new JobRenderer(options, Optional.of(new UploadSidecar(uploadUrl, tokens))),
                store,
                new JobSlots(),
                dir.resolve("kube-work"),
                clock,
                r -> {},
                pool,
                new KubernetesExecutor.Retry(3, Duration.ofMillis(50)),
                Duration.ofMillis(100),
                new CacheTally())
            .handingBack(
                staging,
                new RunSupply(
                    this.artifacts,
                    store,
                    key,
                    () -> "http://ci.test/builder",
                    new Registries(Map.of(), name -> null),
                    clock),
                new QualityHooks(
                    new CacheService(
                        caches,
                        new Eviction(caches, clock),
                        CacheEvents.NONE,
                        1L << 30,
                        Duration.ofDays(7)),
                    new ReportReader(ReportLimits.DEFAULT),
                    reports,
                    dir.resolve("in-flight")))
            .open();
  }

  /**
   * A store under {@code dir} on {@code shelf} ({@code null}: its folder), runs up to {@code
   * quota}.
   */
  static ArtifactStore artifactStore(Path dir, ArtifactShelf shelf, long quota) {
    return new ArtifactStore(
        dir.resolve("artifacts"),
        shelf,
        new ArtifactStore.Limits(quota, 1L << 28, Duration.ofDays(1)),
        Clock.systemUTC());
  }

  @Override
  public void close() {
    executor.close();
    pool.shutdownNow();
  }
}
