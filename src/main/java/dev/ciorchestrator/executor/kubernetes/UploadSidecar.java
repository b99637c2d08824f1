package dev.ciorchestrator.executor.kubernetes;

import dev.ciorchestrator.config.model.Job;
import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.upload.PodEnv;
import dev.ciorchestrator.upload.PodUpload;
import dev.ciorchestrator.upload.UploadTokens;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The pod utilities of a run that has something to hand back (Prow's pod utilities, adapted): the
 * job container's command is wrapped so that its output is also written to a log and its exit code
 * to a marker file in a shared {@code emptyDir}; a sidecar of the controller's own image ({@code
 * ci-orchestrator pod upload}) waits for the marker and uploads artifacts, reports and the log with
 * a token minted for this run alone. The token is in the sidecar's environment only: the job
 * container has no service account token, no shared process namespace and no volume that holds it.
 */
final class UploadSidecar {
  static final String NAME = "upload";
  static final String VOLUME = "upload";
  static final String TMP_VOLUME = "upload-tmp";
  static final String SHARED = "/ci-upload";

  /** The jar in the controller's image (the Quarkus container layout). */
  static final String JAR = "/deployments/quarkus-run.jar";

  // The script is an argument ("$@"), never spliced in. Without pipefail PIPESTATUS[0] is the
  // job's own code; the marker is written whole (rename), so the sidecar never reads half of it.
  static final String WRAPPER =
      """
      "$@" 2>&1 | tee -a /ci-upload/log
      code=${PIPESTATUS[0]}
      echo "$code" > /ci-upload/exit.tmp && mv /ci-upload/exit.tmp /ci-upload/exit
      exit "$code"
      """;

  private final String image;
  private final String url;
  private final UploadTokens tokens;

  /**
   * @param image the controller's image ({@code ci.executor.kubernetes.utility-image})
   * @param url where pods reach the controller ({@code ci.executor.kubernetes.upload-url})
   */
  UploadSidecar(String image, String url, UploadTokens tokens) {
    this.image = image;
    this.url = url;
    this.tokens = tokens;
  }

  /** Whether a run of {@code job} has anything to upload. */
  static boolean wanted(Job job) {
    return job.pipeline().artifacts().any() || !job.quality().reports().isEmpty();
  }

  /** The job container's command, wrapped. */
  static List<String> wrap(List<String> command) {
    List<String> wrapped =
        new ArrayList<>(List.of("/bin/bash", "--noprofile", "--norc", "-c", WRAPPER, "ci-run"));
    wrapped.addAll(command);
    return wrapped;
  }

  static VolumeMount jobMount() {
    return new VolumeMountBuilder().withName(VOLUME).withMountPath(SHARED).build();
  }

  static List<Volume> volumes() {
    return List.of(
        new VolumeBuilder().withName(VOLUME).withNewEmptyDir().endEmptyDir().build(),
        new VolumeBuilder().withName(TMP_VOLUME).withNewEmptyDir().endEmptyDir().build());
  }

  Container container(RunRecord run, Job job, long deadlineSeconds, SecurityContext security) {
    PodUpload.Plan plan =
        new PodUpload.Plan(
            job.pipeline().artifacts().paths(),
            job.quality().reports().junit(),
            job.quality().reports().sarif(),
            job.pipeline().artifacts().sbom());
    List<EnvVar> env =
        List.of(
            JobRenderer.plain("HOME", "/tmp"),
            JobRenderer.plain(PodEnv.URL, url),
            JobRenderer.plain(PodEnv.RUN, run.id()),
            JobRenderer.plain(PodEnv.TOKEN, tokens.mint(run.id())),
            JobRenderer.plain(PodEnv.PLAN, plan.json()),
            JobRenderer.plain(PodEnv.WORKSPACE, JobRenderer.WORKSPACE),
            JobRenderer.plain(PodEnv.SHARED, SHARED),
            JobRenderer.plain(PodEnv.WAIT, Long.toString(deadlineSeconds)),
            JobRenderer.plain(PodEnv.MESSAGE, "/dev/termination-log"));
    return new ContainerBuilder()
        .withName(NAME)
        .withImage(image)
        .withCommand("java", "-XX:TieredStopAtLevel=1", "-jar", JAR, "pod", "upload")
        .withEnv(env)
        .withTerminationMessagePolicy("FallbackToLogsOnError")
        .withResources(
            new ResourceRequirementsBuilder()
                .withRequests(
                    new TreeMap<>(
                        Map.of("cpu", new Quantity("50m"), "memory", new Quantity("128Mi"))))
                .withLimits(new TreeMap<>(Map.of("memory", new Quantity("256Mi"))))
                .build())
        .withVolumeMounts(
            JobRenderer.mount(JobRenderer.VOLUME_WORKSPACE, JobRenderer.WORKSPACE, true),
            JobRenderer.mount(VOLUME, SHARED, true),
            JobRenderer.mount(TMP_VOLUME, "/tmp", false))
        .withSecurityContext(security)
        .build();
  }
}
