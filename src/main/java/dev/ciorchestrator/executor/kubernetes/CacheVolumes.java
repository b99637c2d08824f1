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
 * job's waits for the exit code its wrapper writes to a shared folder and, after a 0 only,
 * publishes a new version by rename. The job's own container never mounts the claim, so a change's
 * code can touch no cache but the copy in its workspace, whatever its scope.
 */
final class CacheVolumes {
  static final String VOLUME = "caches";
  static final String DONE = "done";
  static final String CLAIM = "/ci-cache";
  static final String DONE_PATH = "/ci-done";
  static final String EXIT_FILE = DONE_PATH + "/exit-code";
  static final String PLAN = JobRenderer.META + "/cache-plan.json";
  static final String RESTORE = "cache-restore";
  static final String SAVE = "cache-save";

  // The job's script runs in a bash of its own, so that its exit code (even a kill of the script,
  // 137) is written for the save container whatever the script does to its shell.
  static final String WRAPPER =
      "/bin/bash --noprofile --norc -e -o pipefail -c \"$1\"; code=$?; "
          + "echo \"$code\" > "
          + EXIT_FILE
          + "; exit \"$code\"";

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
            .build(),
        new VolumeBuilder().withName(DONE).withNewEmptyDir().endEmptyDir().build());
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
                mount(DONE, DONE_PATH, true),
                mount(VOLUME, CLAIM, false))
            .build());
  }

  /** What the job's container mounts besides the workspace: where its exit code goes. */
  static List<VolumeMount> mounts(RenderOptions options, Job job) {
    return active(options, job) ? List.of(mount(DONE, DONE_PATH, false)) : List.of();
  }

  /** The job container's command: as is, or inside the wrapper that writes its exit code. */
  static List<String> command(RenderOptions options, Job job, List<String> command) {
    if (!active(options, job)) {
      return command;
    }
    List<String> inner = command.subList(command.size() - 1, command.size());
    List<String> wrapped = new ArrayList<>(List.of("/bin/bash", "--noprofile", "--norc", "-c"));
    wrapped.add(WRAPPER);
    wrapped.add("ci-job");
    wrapped.addAll(inner);
    return wrapped;
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
