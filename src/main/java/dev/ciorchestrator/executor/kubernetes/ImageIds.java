package dev.ciorchestrator.executor.kubernetes;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The digest of the image a run's job container ran, from what the kubelet reports ({@code
 * status.containerStatuses[name=run].imageID}), for the provenance's resolved dependencies, as a
 * local container run records the digest podman reports. Only the forms runtimes write are read:
 * {@code docker-pullable://<repo>@sha256:<hex>} (dockershim), {@code <repo>@sha256:<hex>}
 * (containerd, CRI-O) and a bare {@code sha256:<hex>}; anything else ({@code docker://…}, another
 * algorithm, a short or upper-case hex) means no digest is known, never a guess.
 */
final class ImageIds {
  private static final String COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
  private static final String HOST =
      "[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*";
  private static final String REPO =
      "(?:" + HOST + "(?::[0-9]+)?/)?" + COMPONENT + "(?:/" + COMPONENT + ")*";
  private static final String DIGEST = "(sha256:[0-9a-f]{64})";
  private static final Pattern PULLABLE =
      Pattern.compile("docker-pullable://" + REPO + "@" + DIGEST);
  private static final Pattern REPO_DIGEST = Pattern.compile(REPO + "@" + DIGEST);
  private static final Pattern BARE = Pattern.compile(DIGEST);

  private ImageIds() {}

  /**
   * {@code sha256:<hex>} of one {@code imageID}, or empty when its form is not one of the above.
   */
  static Optional<String> digest(String imageId) {
    if (imageId == null) {
      return Optional.empty();
    }
    for (Pattern form : List.of(PULLABLE, REPO_DIGEST, BARE)) {
      Matcher m = form.matcher(imageId);
      if (m.matches()) {
        return Optional.of(m.group(1));
      }
    }
    return Optional.empty();
  }

  /** The job container's digest in the newest of the run's pods that reports one. */
  static Optional<String> of(List<Pod> pods) {
    return pods.stream()
        .filter(p -> p.getStatus() != null && p.getStatus().getContainerStatuses() != null)
        .sorted(Comparator.comparing(ImageIds::created, Comparator.reverseOrder()))
        .flatMap(p -> p.getStatus().getContainerStatuses().stream())
        .filter(c -> JobRenderer.MAIN.equals(c.getName()))
        .map(ContainerStatus::getImageID)
        .map(ImageIds::digest)
        .flatMap(Optional::stream)
        .findFirst();
  }

  private static String created(Pod pod) {
    // RFC 3339 in UTC with whole seconds, as the API server writes it: compares as text
    return Objects.requireNonNullElse(pod.getMetadata().getCreationTimestamp(), "");
  }
}
