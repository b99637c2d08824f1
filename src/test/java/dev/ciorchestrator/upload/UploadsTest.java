package dev.ciorchestrator.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ciorchestrator.domain.RunKey;
import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.domain.RunState;
import dev.ciorchestrator.domain.TestRuns;
import dev.ciorchestrator.run.file.FileRunStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The controller's checks of a pod's upload: token, run state, path, offset and quota. */
class UploadsTest {
  static final Instant T0 = Instant.parse("2026-12-03T12:00:00Z");

  @TempDir Path tmp;
  FileRunStore store;
  RunUploads staging;
  Uploads uploads;
  final UploadTokens tokens = new UploadTokens("unit-upload-key-0123456789".getBytes());
  RunRecord run;
  RunRecord other;

  @BeforeEach
  void setUp() throws Exception {
    store = new FileRunStore(tmp.resolve("runs"));
    staging = new RunUploads(tmp.resolve("uploads"), 100);
    uploads = new Uploads(store, tokens, staging);
    run = TestRuns.pending(RunKey.forChange("demo/app", 1, "a".repeat(40), "build", 1), T0);
    other = TestRuns.pending(RunKey.forChange("demo/app", 2, "b".repeat(40), "build", 1), T0);
    store.create(run);
    store.create(other);
  }

  String bearer(RunRecord r) {
    return "Bearer " + tokens.mint(r.id());
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void aRunsTokenUploadsItsFilesInChunks() throws Exception {
    uploads.chunk(run.id(), bearer(run), "bin/app", 0, bytes("hello "));
    uploads.chunk(run.id(), bearer(run), "bin/app", 6, bytes("world"));
    uploads.chunk(run.id(), bearer(run), null, 0, bytes("log line\n"));
    uploads.done(run.id(), bearer(run), new StagedRun.Done(0, ""));

    StagedRun staged = staging.staged(run.id());
    assertThat(Files.readString(staged.workspace().resolve("bin/app"))).isEqualTo("hello world");
    assertThat(Files.readString(staged.log().orElseThrow())).isEqualTo("log line\n");
    assertThat(staged.done()).contains(new StagedRun.Done(0, ""));
  }

  @Test
  void anotherRunsTokenIsRefusedNamingTheHeader() {
    assertThatThrownBy(() -> uploads.chunk(run.id(), bearer(other), "bin/app", 0, bytes("x")))
        .isInstanceOfSatisfying(
            UploadRefused.class,
            e -> {
              assertThat(e.status()).isEqualTo(403);
              assertThat(e.field()).isEqualTo("Authorization");
              assertThat(e.getMessage()).contains(run.id());
            });
    assertThatThrownBy(() -> uploads.chunk(run.id(), null, "bin/app", 0, bytes("x")))
        .isInstanceOfSatisfying(UploadRefused.class, e -> assertThat(e.status()).isEqualTo(401));
    assertThat(tmp.resolve("uploads").resolve(run.id())).doesNotExist();
  }

  @Test
  void theTokenIsNoLongerValidOnceTheRunEnded() throws Exception {
    store.update(run.withState(RunState.RUNNING, T0, "").withState(RunState.SUCCESS, T0, ""));

    assertThatThrownBy(() -> uploads.chunk(run.id(), bearer(run), "bin/app", 0, bytes("x")))
        .isInstanceOfSatisfying(
            UploadRefused.class,
            e -> {
              assertThat(e.status()).isEqualTo(403);
              assertThat(e.field()).isEqualTo("Authorization");
              assertThat(e.getMessage()).contains("has ended (success)");
            });
  }

  @Test
  void doneWithAModeForAPathOutOfTheWorkspaceOrNotAModeIsRefusedAndNothingIsFinished()
      throws Exception {
    assertThatThrownBy(
            () ->
                uploads.done(
                    run.id(), bearer(run), new StagedRun.Done(0, "", Map.of("../../x", 0755))))
        .isInstanceOfSatisfying(
            UploadRefused.class,
            e -> {
              assertThat(e.status()).isEqualTo(400);
              assertThat(e.field()).isEqualTo("path");
            });
    assertThatThrownBy(() -> new StagedRun.Done(0, "", Map.of("bin/app", 04755)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("modes: \"bin/app\": 2541 is not a permission mode (0 to 0777)");
    assertThat(staging.staged(run.id()).done()).isEmpty();
  }

  @Test
  void aPathOutOfTheWorkspaceIsRefused() {
    for (String bad :
        new String[] {"../x", "a/../../x", "/etc/passwd", "a//b", "./a", "a\\b", ""}) {
      assertThatThrownBy(() -> uploads.chunk(run.id(), bearer(run), bad, 0, bytes("x")))
          .as(bad)
          .isInstanceOfSatisfying(
              UploadRefused.class,
              e -> {
                assertThat(e.status()).isEqualTo(400);
                assertThat(e.field()).isEqualTo("path");
              });
    }
    assertThat(tmp.resolve("x")).doesNotExist();
  }

  @Test
  void overTheRunsQuotaIs413AndNothingOfTheChunkIsWritten() throws Exception {
    uploads.chunk(run.id(), bearer(run), "a", 0, new byte[60]);

    assertThatThrownBy(() -> uploads.chunk(run.id(), bearer(run), "b", 0, new byte[41]))
        .isInstanceOfSatisfying(
            UploadRefused.class,
            e -> {
              assertThat(e.status()).isEqualTo(413);
              assertThat(e.getMessage()).contains("ci.artifacts.max-run-size (100 bytes)");
            });
    assertThat(staging.staged(run.id()).workspace().resolve("b")).doesNotExist();
    uploads.chunk(run.id(), bearer(run), "a", 0, new byte[100]); // a resent file replaces itself
  }

  @Test
  void aChunkThatSkipsBytesIsRefusedAndNothingIsTakenAfterDone() throws Exception {
    uploads.chunk(run.id(), bearer(run), "a", 0, bytes("abc"));

    assertThatThrownBy(() -> uploads.chunk(run.id(), bearer(run), "a", 5, bytes("x")))
        .isInstanceOfSatisfying(
            UploadRefused.class, e -> assertThat(e.field()).isEqualTo("offset"));
    uploads.done(run.id(), bearer(run), new StagedRun.Done(0, ""));
    assertThatThrownBy(() -> uploads.chunk(run.id(), bearer(run), "b", 0, bytes("x")))
        .isInstanceOfSatisfying(UploadRefused.class, e -> assertThat(e.status()).isEqualTo(409));
  }

  @Test
  void anUnknownRunIs404() {
    String ghost = "ghost-run";
    assertThatThrownBy(
            () -> uploads.chunk(ghost, "Bearer " + tokens.mint(ghost), "a", 0, bytes("x")))
        .isInstanceOfSatisfying(UploadRefused.class, e -> assertThat(e.status()).isEqualTo(404));
  }
}
