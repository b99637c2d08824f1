package dev.ciorchestrator.executor.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The digest in a job container's {@code imageID}: the runtimes' forms, and nothing else. */
class ImageIdsTest {
  static final String HEX = "0123456789abcdef".repeat(4);

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      nullValues = "NONE",
      value = {
        // dockershim
        "docker-pullable://docker.io/library/bash@sha256:HEX, sha256:HEX",
        "docker-pullable://registry.example:5000/team/app@sha256:HEX, sha256:HEX",
        // containerd, CRI-O
        "docker.io/library/bash@sha256:HEX, sha256:HEX",
        "ghcr.io/ci-orchestrator/ci-orchestrator@sha256:HEX, sha256:HEX",
        "localhost:5000/a_b/c-d.e@sha256:HEX, sha256:HEX",
        "sha256:HEX, sha256:HEX",
        // not known: no digest rather than a guess
        "docker://sha256:HEX, NONE",
        "docker-pullable://sha256:HEX, NONE",
        "docker.io/library/bash:5, NONE",
        "docker.io/library/bash@sha512:HEXHEX, NONE",
        "docker.io/library/bash@sha256:ABCDEF, NONE",
        "docker.io/library/bash@sha256:0123, NONE",
        "Docker.io/Library/Bash@sha256:HEX, NONE",
        "bash@sha256:HEX trailing, NONE",
        "'', NONE",
      })
  void onlyTheRuntimesFormsGiveADigest(String imageId, String digest) {
    assertThat(ImageIds.digest(imageId.replace("HEX", HEX)))
        .isEqualTo(Optional.ofNullable(digest).map(d -> d.replace("HEX", HEX)));
  }

  @Test
  void theJobContainerOfTheNewestPodThatSaysCountsNotTheUtilities() {
    String other = "fedcba9876543210".repeat(4);
    Pod older = pod("2026-12-03T10:00:00Z", JobRenderer.MAIN, "bash@sha256:" + other);
    Pod newer = pod("2026-12-03T11:00:00Z", JobRenderer.MAIN, "bash@sha256:" + HEX);
    Pod sidecarOnly = pod("2026-12-03T12:00:00Z", UploadSidecar.NAME, "x@sha256:" + other);
    Pod pulling = pod("2026-12-03T13:00:00Z", JobRenderer.MAIN, "");

    assertThat(ImageIds.of(List.of(older, newer, sidecarOnly, pulling))).contains("sha256:" + HEX);
    assertThat(ImageIds.of(List.of(sidecarOnly, pulling))).isEmpty();
    assertThat(ImageIds.of(List.of(new PodBuilder().withNewMetadata().endMetadata().build())))
        .isEmpty();
  }

  static Pod pod(String created, String container, String imageId) {
    return new PodBuilder()
        .withNewMetadata()
        .withCreationTimestamp(created)
        .endMetadata()
        .withNewStatus()
        .addNewContainerStatus()
        .withName(container)
        .withImageID(imageId)
        .endContainerStatus()
        .endStatus()
        .build();
  }
}
