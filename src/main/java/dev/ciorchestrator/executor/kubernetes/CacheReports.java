package dev.ciorchestrator.executor.kubernetes;

import dev.ciorchestrator.cache.CacheEvents;
import dev.ciorchestrator.cache.CacheTally;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The cache metrics of a finished Kubernetes run: its pod's {@code cache-restore} and {@code
 * cache-save} containers end with their counts as termination message ({@link CacheTally#line()}),
 * which the controller reads from the pod status it decided the run's end from, so hits, misses,
 * bytes and evictions on the claim count as the local executors' do. A container that never ended
 * (deadline, deleted pod) reports nothing: nothing is guessed.
 */
final class CacheReports {
  private CacheReports() {}

  static void report(Job job, List<Pod> pods, CacheEvents events) {
    Map<String, String> notes = job.getMetadata().getAnnotations();
    if (notes == null) {
      return;
    }
    String repo = notes.getOrDefault(JobNames.LABEL_REPO, "");
    String name = notes.getOrDefault(JobNames.LABEL_JOB, "");
    for (Pod pod : pods) {
      if (pod.getStatus() == null) {
        continue;
      }
      List<ContainerStatus> all = new ArrayList<>(pod.getStatus().getInitContainerStatuses());
      all.addAll(pod.getStatus().getContainerStatuses());
      for (ContainerStatus s : all) {
        boolean ours =
            s.getName().equals(CacheVolumes.RESTORE) || s.getName().equals(CacheVolumes.SAVE);
        if (ours && s.getState() != null && s.getState().getTerminated() != null) {
          CacheTally.replay(
              CacheTally.parse(s.getState().getTerminated().getMessage()), repo, name, events);
        }
      }
    }
  }
}
