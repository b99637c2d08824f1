package dev.ciorchestrator.executor.kubernetes;

import dev.ciorchestrator.cache.CacheEvents;
import dev.ciorchestrator.executor.RunArtifacts;
import dev.ciorchestrator.executor.RunEvents;
import dev.ciorchestrator.executor.RunHooks;
import dev.ciorchestrator.executor.process.JobSlots;
import dev.ciorchestrator.run.RunStore;
import dev.ciorchestrator.upload.UploadStaging;
import dev.ciorchestrator.upload.UploadTokens;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.arc.Unremovable;
import io.quarkus.arc.lookup.LookupIfProperty;
import io.quarkus.runtime.configuration.MemorySize;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Singleton;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.Config;

/**
 * Builds the {@link KubernetesExecutor} only when {@code ci.executor.kubernetes.enabled=true}, and
 * only when first asked for: the default local mode never touches a cluster. It is typed as {@link
 * KubernetesExecutor} alone, not as {@link dev.ciorchestrator.executor.Executor}, so it never
 * competes with the default executor bean; the executor router takes it with {@code
 * Instance<KubernetesExecutor>} and calls {@code get()} when a run needs it (see
 * docs/kubernetes-executor.md).
 */
@ApplicationScoped
public class KubernetesExecutorProducer {
  private final AtomicInteger threads = new AtomicInteger();
  private volatile ScheduledExecutorService pool;
  private volatile KubernetesExecutor executor;

  @Produces
  @Singleton
  @Typed(KubernetesExecutor.class)
  @Unremovable
  @LookupIfProperty(name = "ci.executor.kubernetes.enabled", stringValue = "true")
  KubernetesExecutor kubernetesExecutor(
      KubernetesClient client,
      KubernetesExecutorSettings settings,
      RunStore store,
      JobSlots slots,
      Clock clock,
      RunEvents events,
      UploadStaging staging,
      UploadTokens tokens,
      RunArtifacts artifacts,
      RunHooks hooks,
      CacheEvents cacheEvents,
      Config config) {
    // the caches' limits apply to the claim too; read by name, not through the quality package's
    // mapping, which depends on the executors
    MemorySize cacheMaxSize =
        config
            .getOptionalValue("ci.cache.max-size", MemorySize.class)
            .orElse(new MemorySize(BigInteger.TEN.shiftLeft(30)));
    Duration cacheMaxAge =
        config.getOptionalValue("ci.cache.max-age", Duration.class).orElse(Duration.ofDays(7));
    pool =
        Executors.newScheduledThreadPool(
            2,
            task -> {
              Thread t = new Thread(task, "ci-kube-" + threads.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    String namespace = settings.namespace().orElseGet(client::getNamespace);
    executor =
        new KubernetesExecutor(
                client,
                namespace == null ? "default" : namespace,
                new JobRenderer(
                    RenderOptions.of(settings, cacheMaxSize.asLongValue(), cacheMaxAge),
                    settings.uploadUrl().map(url -> new UploadSidecar(url, tokens))),
                store,
                slots,
                settings.workDir(),
                clock,
                events,
                pool,
                new KubernetesExecutor.Retry(settings.createAttempts(), settings.createBackoff()),
                settings.logInterval(),
                cacheEvents)
            .handingBack(staging, artifacts, hooks)
            .open();
    return executor;
  }

  @PreDestroy
  void stop() {
    // Jobs keep running in the cluster; after a restart recover() adopts them
    if (executor != null) {
      executor.close();
    }
    if (pool != null) {
      pool.shutdown();
    }
  }
}
