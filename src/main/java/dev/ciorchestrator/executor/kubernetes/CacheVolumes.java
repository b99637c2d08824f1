package dev.ciorchestrator.executor.kubernetes;

import dev.ciorchestrator.cache.CacheKey;
import dev.ciorchestrator.cache.CacheScope;
import dev.ciorchestrator.cache.CacheService;
import dev.ciorchestrator.config.model.Job;
import dev.ciorchestrator.config.model.JobQuality.Cache;
import dev.ciorchestrator.domain.RunKey;
import dev.ciorchestrator.executor.RunSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A job's {@code caches} on Kubernetes: one PersistentVolumeClaim ({@code
 * ci.executor.kubernetes.cache-claim}) with a folder per cache key ({@code <scope>/<key id>}),
 * mounted (subPath) where the local executors restore the cache, so the job's script and its {@code
 * env:} variables are the same on every executor. The key has no hash of key files: the
 * orchestrator never sees the checkout, which the pod makes. Trusted runs mount the trusted folder;
 * an untrusted change mounts its own folder, seeded from the trusted one (mounted read-only) while
 * its own is empty, so that what it writes reaches no other run.
 */
final class CacheVolumes {
  static final String VOLUME = "caches";
  static final String TRUSTED = "/ci-cache-trusted";

  private CacheVolumes() {}

  /** The claim's volume, when the job has caches and a claim is set. */
  static Optional<Volume> volume(RenderOptions options, Job job) {
    if (job.quality().caches().isEmpty()) {
      return Optional.empty();
    }
    return options
        .cacheClaim()
        .map(
            claim ->
                new VolumeBuilder()
                    .withName(VOLUME)
                    .withNewPersistentVolumeClaim()
                    .withClaimName(claim)
                    .endPersistentVolumeClaim()
                    .build());
  }

  static List<VolumeMount> mounts(RunKey run, RunSpec spec) {
    List<VolumeMount> mounts = new ArrayList<>();
    CacheScope scope = CacheService.scope(run, spec.trustedAuthor());
    for (Cache cache : spec.job().quality().caches()) {
      CacheKey key = key(run, spec.job(), cache, scope);
      mounts.add(mount(JobRenderer.WORKSPACE + "/" + CacheService.folder(cache), key, false));
      if (!scope.trusted()) {
        mounts.add(mount(TRUSTED + "/" + cache.name(), key.in(CacheScope.TRUSTED), true));
      }
    }
    return mounts;
  }

  /**
   * The lines the script starts with: the {@code env:} caches' variables, and, for an untrusted
   * run, the trusted content copied into its own empty folders. Cache names are checked names;
   * paths are quoted, never spliced raw.
   */
  static String preamble(RunKey run, RunSpec spec, boolean mounted) {
    StringBuilder lines = new StringBuilder(CacheService.preamble(spec.job()));
    if (mounted && !CacheService.scope(run, spec.trustedAuthor()).trusted()) {
      for (Cache cache : spec.job().quality().caches()) {
        String own = quote(JobRenderer.WORKSPACE + "/" + CacheService.folder(cache));
        String trusted = quote(TRUSTED + "/" + cache.name());
        lines.append(
            "if [ -z \"$(ls -A %s 2>/dev/null)\" ]; then cp -a %s/. %s/ 2>/dev/null || true; fi\n"
                .formatted(own, trusted, own));
      }
    }
    return lines.toString();
  }

  private static CacheKey key(RunKey run, Job job, Cache cache, CacheScope scope) {
    return new CacheKey(run.repo(), cache.name(), CacheService.toolchain(job), "", scope);
  }

  private static VolumeMount mount(String path, CacheKey key, boolean readOnly) {
    return new VolumeMountBuilder()
        .withName(VOLUME)
        .withMountPath(path)
        .withSubPath(key.scope().wire() + "/" + key.id())
        .withReadOnly(readOnly ? Boolean.TRUE : null)
        .build();
  }

  private static String quote(String text) {
    return "'" + text.replace("'", "'\\''") + "'";
  }
}
