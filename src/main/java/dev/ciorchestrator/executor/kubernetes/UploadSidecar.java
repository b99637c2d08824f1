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
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The upload sidecar of a run that has something to hand back (Prow's pod utilities, adapted): the
 * job container's command is wrapped ({@link JobWrapper}) so that its output is also written to a
 * log and its exit code to the marker file in the pod's shared {@code emptyDir}; a sidecar of the
 * controller's own image ({@code ci-orchestrator pod upload}, from {@code utility-image}) waits for
 * the marker and uploads artifacts, reports and the log with a token minted for this run alone. The
 * token is in the sidecar's environment only: the job container has no service account token, no
 * shared process namespace and no volume that holds it.
 */
final class UploadSidecar {
  static final String NAME = "upload";
  static final String TMP_VOLUME = "upload-tmp";

  private final String url;
  private final UploadTokens tokens;

  /**
   * @param url where pods reach the controller ({@code ci.executor.kubernetes.upload-url})
   */
  UploadSidecar(String url, UploadTokens tokens) {
    this.url = url;
    this.tokens = tokens;
  }

  /** Whether a run of {@code job} has anything to upload. */
  static boolean wanted(Job job) {
    return job.pipeline().artifacts().any() || !job.quality().reports().isEmpty();
  }

  /**
   * What a utility of the controller's image asks for and may use: the JVM's needs, not the job's.
   */
  static ResourceRequirements resources() {
    return new ResourceRequirementsBuilder()
        .withRequests(
            new TreeMap<>(Map.of("cpu", new Quantity("50m"), "memory", new Quantity("128Mi"))))
        .withLimits(new TreeMap<>(Map.of("memory", new Quantity("256Mi"))))
        .build();
  }

  /** The init container that fetches the upstream artifacts, from the same controller URL. */
  Container fetch(
      RunRecord run, long deadlineSeconds, RenderOptions options, SecurityContext security) {
    return UpstreamFetch.container(
        url, run.id(), tokens.mint(run.id()), deadlineSeconds, options, security);
  }

  static List<Volume> volumes() {
    return List.of(
        new VolumeBuilder().withName(TMP_VOLUME).withNewEmptyDir().endEmptyDir().build());
  }

  Container container(
      RunRecord run,
      Job job,
      long deadlineSeconds,
      RenderOptions options,
      SecurityContext security) {
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
            JobRenderer.plain(PodEnv.SHARED, JobWrapper.PATH),
            JobRenderer.plain(PodEnv.WAIT, Long.toString(deadlineSeconds)),
            JobRenderer.plain(PodEnv.MESSAGE, "/dev/termination-log"));
    List<String> command = new ArrayList<>(options.utilityCommand());
    command.addAll(List.of("pod", "upload"));
    return new ContainerBuilder()
        .withName(NAME)
        .withImage(options.utilityImage())
        .withCommand(command)
        .withEnv(env)
        .withTerminationMessagePolicy("FallbackToLogsOnError")
        .withResources(resources())
        .withVolumeMounts(
            JobRenderer.mount(JobRenderer.VOLUME_WORKSPACE, JobRenderer.WORKSPACE, true),
            JobWrapper.mount(true),
            JobRenderer.mount(TMP_VOLUME, "/tmp", false))
        .withSecurityContext(security)
        .build();
  }
}
