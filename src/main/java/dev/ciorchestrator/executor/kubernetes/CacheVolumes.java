package dev.ciorchestrator.executor.kubernetes;

import dev.ciorchestrator.cache.CacheService;
import dev.ciorchestrator.cache.PodCaches;
import dev.ciorchestrator.config.model.Job;
import dev.ciorchestrator.domain.RunKey;
import dev.ciorchestrator.executor.RunSpec;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * A job's {@code caches} on Kubernetes, kept on one PersistentVolumeClaim ({@code
 * ci.executor.kubernetes.cache-claim}) by the controller's own code in the pod ({@link PodCaches}
 * through {@code ci-orchestrator pod cache}, from {@code utility-image}): an init container after
 * the checkout hashes the key files, restores into the workspace and evicts; a container beside the
 * job's waits for the exit code the job's wrapper ({@link JobWrapper}) writes to the pod's shared
 * folder and, after a 0 only, publishes a new version by rename. The job's own container never
 * mounts the claim, so a change's code can touch no cache but the copy in its workspace, whatever
 * its scope.
 */
final class CacheVolumes {
  static final String VOLUME = "caches";
  static final String CLAIM = "/ci-cache";
  static final String EXIT_FILE = JobWrapper.EXIT_FILE;
  static final String PLAN = JobRenderer.META + "/cache-plan.json";
  static final String RESTORE = "cache-restore";
  static final String SAVE = "cache-save";

  private CacheVolumes() {}

  /** Whether the run's pod has caches: the job has some and a claim is set. */
  static boolean active(RenderOptions options, Job job) {
    return !job.quality().caches().isEmpty() && options.cacheClaim().isPresent();
  }

  static List<Volume> volumes(RenderOptions options, Job job) {
    if (!active(options, job)) {
      return List.of();
    }
    return List.of(
        new VolumeBuilder()
            .withName(VOLUME)
            .withNewPersistentVolumeClaim()
            .withClaimName(options.cacheClaim().get())
            .endPersistentVolumeClaim()
            .build());
  }

  /** The init container after the checkout, when the pod has caches. */
  static List<Container> restorer(
      RunKey run, RunSpec spec, RenderOptions options, SecurityContext security) {
    if (!active(options, spec.job())) {
      return List.of();
    }
    return List.of(
        utility(RESTORE, options, security, List.of(), request(run, spec, options))
            .withVolumeMounts(
                mount("workspace", JobRenderer.WORKSPACE, false),
                mount("tmp", "/tmp", false),
                mount("meta", JobRenderer.META, false),
                mount(VOLUME, CLAIM, false))
            .build());
  }

  /** The container that saves after the job's success, when the pod has caches. */
  static List<Container> saver(
      RunKey run, RunSpec spec, RenderOptions options, SecurityContext security) {
    if (!active(options, spec.job())) {
      return List.of();
    }
    long wait = JobRenderer.deadlineSeconds(spec.job().timeout());
    return List.of(
        utility(
                SAVE,
                options,
                security,
                List.of("--exit-file", EXIT_FILE, "--wait", Long.toString(wait)),
                request(run, spec, options))
            .withVolumeMounts(
                mount("workspace", JobRenderer.WORKSPACE, false),
                mount("tmp", "/tmp", false),
                mount("meta", JobRenderer.META, true),
                JobWrapper.mount(true),
                mount(VOLUME, CLAIM, false))
            .build());
  }

  /** The {@code env:} caches' variables, as on every executor. */
  static String preamble(Job job) {
    return CacheService.preamble(job);
  }

  private static String request(RunKey run, RunSpec spec, RenderOptions options) {
    return new PodCaches.Request(
            run.repo(),
            run.job(),
            CacheService.toolchain(spec.job()),
            CacheService.scope(run, spec.trustedAuthor()).wire(),
            spec.job().quality().caches(),
            options.cacheMaxBytes(),
            options.cacheMaxAge())
        .toJson();
  }

  private static ContainerBuilder utility(
      String name,
      RenderOptions options,
      SecurityContext security,
      List<String> extra,
      String request) {
    List<String> command = new ArrayList<>(options.utilityCommand());
    command.addAll(List.of("pod", "cache", name.equals(SAVE) ? "save" : "restore"));
    command.addAll(
        List.of(
            "--request",
            request,
            "--claim",
            CLAIM,
            "--workspace",
            JobRenderer.WORKSPACE,
            "--plan",
            PLAN));
    command.addAll(extra);
    return new ContainerBuilder()
        .withName(name)
        .withImage(options.utilityImage())
        .withCommand(command)
        .addNewEnv()
        .withName("HOME")
        .withValue("/tmp")
        .endEnv()
        .withTerminationMessagePolicy("FallbackToLogsOnError")
        .withSecurityContext(security);
  }

  private static VolumeMount mount(String volume, String path, boolean readOnly) {
    return new VolumeMountBuilder()
        .withName(volume)
        .withMountPath(path)
        .withReadOnly(readOnly ? Boolean.TRUE : null)
        .build();
  }
}
