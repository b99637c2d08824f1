package dev.ciorchestrator.executor.kubernetes;

import dev.ciorchestrator.config.model.Job;
import dev.ciorchestrator.upload.PodEnv;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How a Kubernetes run of a job that {@code needs} others receives their artifacts (Prow's pod
 * utilities' way, like {@code cache-restore}): an init container of the controller's own image
 * ({@code ci-orchestrator pod fetch}, from {@code utility-image}) downloads them from the
 * controller ({@code upload-url}, {@code GET /api/v1/runs/{id}/upstream}) with the run's own token
 * into an {@code emptyDir} that the job's container sees at {@code $CI_ARTIFACTS} ({@value #PATH}).
 * The controller decides which upstream runs; the token is in this container's env only. A file
 * that does not match its digest fails the container, and the run, before the job starts.
 */
final class UpstreamFetch {
  static final String NAME = "fetch";
  static final String VOLUME = "upstream";
  static final String PATH = "/ci-artifacts";
  // its own /tmp: nothing the JVM leaves there is in the job's
  static final String TMP_VOLUME = "fetch-tmp";

  private UpstreamFetch() {}

  /** Whether a run of {@code job} receives artifacts: it needs other jobs. */
  static boolean wanted(Job job) {
    return !job.pipeline().needs().isEmpty();
  }

  static List<Volume> volumes() {
    return List.of(
        new VolumeBuilder().withName(VOLUME).withNewEmptyDir().endEmptyDir().build(),
        new VolumeBuilder().withName(TMP_VOLUME).withNewEmptyDir().endEmptyDir().build());
  }

  /** The job's container sees what arrived at {@code $CI_ARTIFACTS}, as on every executor. */
  static Map<String, String> env() {
    return Map.of("CI_ARTIFACTS", PATH);
  }

  static VolumeMount mount() {
    return JobRenderer.mount(VOLUME, PATH, false);
  }

  /**
   * @param url where pods reach the controller
   * @param token the run's own token
   */
  static Container container(
      String url,
      String runId,
      String token,
      long deadlineSeconds,
      RenderOptions options,
      SecurityContext security) {
    List<String> command = new ArrayList<>(options.utilityCommand());
    command.addAll(List.of("pod", "fetch"));
    return new ContainerBuilder()
        .withName(NAME)
        .withImage(options.utilityImage())
        .withCommand(command)
        .withEnv(
            JobRenderer.plain("HOME", "/tmp"),
            JobRenderer.plain(PodEnv.URL, url),
            JobRenderer.plain(PodEnv.RUN, runId),
            JobRenderer.plain(PodEnv.TOKEN, token),
            JobRenderer.plain(PodEnv.FETCH_INTO, PATH),
            JobRenderer.plain(PodEnv.WAIT, Long.toString(deadlineSeconds)),
            JobRenderer.plain(PodEnv.MESSAGE, "/dev/termination-log"))
        .withTerminationMessagePolicy("FallbackToLogsOnError")
        .withResources(UploadSidecar.resources())
        .withVolumeMounts(mount(), JobRenderer.mount(TMP_VOLUME, "/tmp", false))
        .withSecurityContext(security)
        .build();
  }
}
