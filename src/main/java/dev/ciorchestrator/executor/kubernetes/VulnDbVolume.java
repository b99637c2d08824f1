package dev.ciorchestrator.executor.kubernetes;

import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import java.util.List;
import java.util.Map;

/**
 * go/vulncheck's offline vulnerability database on Kubernetes: the PersistentVolumeClaim {@code
 * ci.executor.kubernetes.govulndb-claim} (a folder tree: {@code index/}, {@code ID/}, which a
 * ConfigMap cannot hold), mounted read-only into every job container with {@code GOVULNDB} naming
 * it, as {@code ci.recipes.govulndb} gives every local and container run.
 */
final class VulnDbVolume {
  static final String VOLUME = "govulndb";
  static final String PATH = "/ci-govulndb";

  private VulnDbVolume() {}

  static List<Volume> volumes(RenderOptions options) {
    return options
        .govulndbClaim()
        .map(
            claim ->
                List.of(
                    new VolumeBuilder()
                        .withName(VOLUME)
                        .withNewPersistentVolumeClaim()
                        .withClaimName(claim)
                        .withReadOnly(true)
                        .endPersistentVolumeClaim()
                        .build()))
        .orElse(List.of());
  }

  static List<VolumeMount> mounts(RenderOptions options) {
    return options.govulndbClaim().isEmpty()
        ? List.of()
        : List.of(
            new VolumeMountBuilder()
                .withName(VOLUME)
                .withMountPath(PATH)
                .withReadOnly(true)
                .build());
  }

  /** {@code GOVULNDB}, beneath the job's own env (which may name another database). */
  static Map<String, String> env(RenderOptions options) {
    return options.govulndbClaim().isEmpty() ? Map.of() : Map.of("GOVULNDB", PATH);
  }
}
