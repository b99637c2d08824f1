package dev.ciorchestrator.executor.kubernetes;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Copies a run's pod log ({@code pods/log}) into its local log file, so the run log API reads the
 * same file under every executor. The whole log is fetched each time and the file replaced at once,
 * so a reader never sees half a copy; logs of CI jobs are small enough for that.
 */
final class PodLogs {
  private static final Logger LOG = Logger.getLogger(PodLogs.class);

  private final KubernetesClient client;
  private final String namespace;

  PodLogs(KubernetesClient client, String namespace) {
    this.client = client;
    this.namespace = namespace;
  }

  /** Best effort: the pod may be gone or not started yet; the last good copy stays. */
  void copy(List<Pod> pods, Path logFile) {
    Optional<Pod> pod =
        pods.stream()
            .max(
                Comparator.comparing(
                    p ->
                        p.getMetadata().getCreationTimestamp() == null
                            ? ""
                            : p.getMetadata().getCreationTimestamp()));
    if (pod.isEmpty()) {
      return;
    }
    Optional<String> container = container(pod.get());
    if (container.isEmpty()) {
      return;
    }
    String text;
    try {
      text =
          client
              .pods()
              .inNamespace(namespace)
              .withName(pod.get().getMetadata().getName())
              .inContainer(container.get())
              .getLog();
    } catch (KubernetesClientException e) {
      LOG.debugf(
          "cannot read the log of pod %s: %s", pod.get().getMetadata().getName(), e.getMessage());
      return;
    }
    if (text == null) {
      return;
    }
    try {
      Files.createDirectories(logFile.getParent());
      Path temp = logFile.resolveSibling(logFile.getFileName() + ".part");
      Files.writeString(temp, text, StandardCharsets.UTF_8);
      Files.move(
          temp, logFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      LOG.warnf("cannot write the log %s: %s", logFile, e.getMessage());
    }
  }

  /**
   * The job's container once it started; before that, the init container if it failed (its log says
   * why the workspace could not be prepared).
   */
  static Optional<String> container(Pod pod) {
    if (pod.getStatus() == null) {
      return Optional.empty();
    }
    for (ContainerStatus s : pod.getStatus().getContainerStatuses()) {
      if (JobRenderer.MAIN.equals(s.getName())
          && s.getState() != null
          && (s.getState().getRunning() != null || s.getState().getTerminated() != null)) {
        return Optional.of(JobRenderer.MAIN);
      }
    }
    for (ContainerStatus s : pod.getStatus().getInitContainerStatuses()) {
      if (JobRenderer.INIT.equals(s.getName())
          && s.getState() != null
          && s.getState().getTerminated() != null
          && s.getState().getTerminated().getExitCode() != null
          && s.getState().getTerminated().getExitCode() != 0) {
        return Optional.of(JobRenderer.INIT);
      }
    }
    return Optional.empty();
  }
}
