package dev.ciorchestrator.web;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ciorchestrator.artifact.ArtifactStore;
import dev.ciorchestrator.run.WriteFence;
import dev.ciorchestrator.run.file.FileRunStore;
import dev.ciorchestrator.upload.UploadTokens;
import dev.ciorchestrator.upload.UpstreamReads;
import jakarta.ws.rs.core.Response.Status;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A follower replica does not serve a pod its upstream artifacts: the leader's disk holds the
 * store, so it answers 503 and the pod asks again (the service's side is {@link
 * RunUpstreamResourceTest}).
 */
class RunUpstreamFollowerTest {
  @TempDir Path tmp;

  final UploadTokens tokens = new UploadTokens("unit-upload-key-0123456789".getBytes());

  UpstreamReads reads() throws Exception {
    return new UpstreamReads(
        new FileRunStore(tmp.resolve("runs")),
        tokens,
        new ArtifactStore(
            tmp.resolve("artifacts"),
            new ArtifactStore.Limits(1 << 20, 1 << 24, Duration.ofDays(1)),
            Clock.systemUTC()),
        r -> List.of("build"),
        job -> true);
  }

  @Test
  void aFollowerAnswers503ToTheListAndToEachFile() throws Exception {
    UpstreamReads reads = reads();
    RunUpstreamResource follower = new RunUpstreamResource(reads, WriteFence.closed(), false);
    String bearer = "Bearer " + tokens.mint("test-pr1-0123456789ab");

    assertThatThrownBy(() -> follower.list("test-pr1-0123456789ab", bearer))
        .isInstanceOfSatisfying(
            ApiException.class,
            e ->
                org.assertj.core.api.Assertions.assertThat(e.status())
                    .isEqualTo(Status.SERVICE_UNAVAILABLE))
        .hasMessageContaining("only the leader, which holds the artifacts on its disk");
    assertThatThrownBy(
            () -> follower.blob("test-pr1-0123456789ab", "sha256:" + "0".repeat(64), bearer))
        .isInstanceOfSatisfying(
            ApiException.class,
            e ->
                org.assertj.core.api.Assertions.assertThat(e.status())
                    .isEqualTo(Status.SERVICE_UNAVAILABLE));
  }

  @Test
  void withASharedStoreAFollowerAnswersItself() throws Exception {
    UpstreamReads reads = reads();
    RunUpstreamResource follower = new RunUpstreamResource(reads, WriteFence.closed(), true);
    String bearer = "Bearer " + tokens.mint("test-pr1-0123456789ab");

    // the reads' own answer (no such run), not "ask the leader"
    assertThatThrownBy(() -> follower.list("test-pr1-0123456789ab", bearer))
        .isInstanceOfSatisfying(
            ApiException.class,
            e ->
                org.assertj.core.api.Assertions.assertThat(e.status())
                    .isNotEqualTo(Status.SERVICE_UNAVAILABLE));
  }
}
