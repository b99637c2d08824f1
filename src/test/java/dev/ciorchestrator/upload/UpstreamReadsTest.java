package dev.ciorchestrator.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ciorchestrator.artifact.ArtifactStore;
import dev.ciorchestrator.artifact.Manifest;
import dev.ciorchestrator.domain.RunKey;
import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.domain.RunState;
import dev.ciorchestrator.domain.TestRuns;
import dev.ciorchestrator.run.file.FileRunStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a run's token reads of its upstreams: only the runs the controller picks for the jobs its
 * job needs on its head, and only their files, while it runs.
 */
class UpstreamReadsTest {
  static final String SHA = "a".repeat(40);
  final UploadTokens tokens = new UploadTokens("unit-upload-key-0123456789".getBytes());
  @TempDir Path tmp;
  FileRunStore runs;
  ArtifactStore store;
  UpstreamReads reads;
  RunRecord test;

  @BeforeEach
  void setUp() throws Exception {
    runs = new FileRunStore(tmp.resolve("runs"));
    store =
        new ArtifactStore(
            tmp.resolve("artifacts"),
            new ArtifactStore.Limits(1 << 20, 1 << 24, Duration.ofDays(1)),
            Clock.systemUTC());
    Map<String, List<String>> needs = Map.of("test", List.of("build"), "deploy", List.of("lint"));
    reads =
        new UpstreamReads(
            runs,
            tokens,
            store,
            r -> needs.getOrDefault(r.key().job(), List.of()),
            job -> !job.equals("lint")); // lint declares no artifacts
    test = running("test", SHA);
  }

  RunRecord running(String job, String sha) throws Exception {
    RunRecord run = TestRuns.pending(RunKey.forChange("demo/app", 1, sha, job, 1), Instant.now());
    runs.create(run);
    RunRecord next = run.withState(RunState.RUNNING, Instant.now(), "");
    runs.update(next);
    return next;
  }

  /** A successful run of {@code job} on {@code sha} that collected one file of {@code content}. */
  Manifest succeeded(String job, String sha, String content) throws Exception {
    RunRecord run = running(job, sha);
    Path ws = Files.createDirectories(tmp.resolve("ws-" + run.id()));
    Files.writeString(ws.resolve("out.txt"), content);
    Manifest m = store.collect(run.id(), ws, List.of("out.txt"));
    runs.update(run.withState(RunState.SUCCESS, Instant.now(), ""));
    return m;
  }

  String bearer(RunRecord r) {
    return "Bearer " + tokens.mint(r.id());
  }

  @Test
  void theRunReadsTheManifestAndBlobsOfTheRunItsJobNeedsOnItsHead() throws Exception {
    Manifest build = succeeded("build", SHA, "built");

    var ups = reads.upstreams(test.id(), bearer(test));

    assertThat(ups).hasSize(1);
    assertThat(ups.get(0).job()).isEqualTo("build");
    assertThat(ups.get(0).runId()).isEqualTo(build.runId());
    assertThat(ups.get(0).manifest().files()).isEqualTo(build.files());
    String digest = build.files().get(0).digest();
    assertThat(reads.blob(test.id(), bearer(test), digest)).hasContent("built");
  }

  @Test
  void aFileOfAnotherRunIsRefusedNamingTheDigest() throws Exception {
    succeeded("build", SHA, "built");
    Manifest otherHead = succeeded("build", "b".repeat(40), "built elsewhere");
    Manifest notNeeded = succeeded("lint", SHA, "linted");

    for (Manifest m : List.of(otherHead, notNeeded)) {
      String digest = m.files().get(0).digest();
      assertThatThrownBy(() -> reads.blob(test.id(), bearer(test), digest))
          .isInstanceOfSatisfying(
              UploadRefused.class,
              e -> {
                assertThat(e.status()).isEqualTo(403);
                assertThat(e.field()).isEqualTo("digest");
                assertThat(e).hasMessageContaining(digest + " is not an artifact of a run that");
              });
    }
  }

  @Test
  void anotherTokenIs401AnEndedRun403AndNoUpstreamRun404() throws Exception {
    RunRecord other = running("lint", SHA);
    assertThatThrownBy(() -> reads.upstreams(test.id(), bearer(other)))
        .isInstanceOfSatisfying(
            UploadRefused.class,
            e -> assertThat(List.of(e.status(), e.field())).containsExactly(401, "Authorization"));
    assertThatThrownBy(() -> reads.upstreams(test.id(), null))
        .isInstanceOfSatisfying(UploadRefused.class, e -> assertThat(e.status()).isEqualTo(401));

    assertThatThrownBy(() -> reads.upstreams(test.id(), bearer(test)))
        .isInstanceOfSatisfying(
            UploadRefused.class,
            e -> {
              assertThat(e.status()).isEqualTo(404);
              assertThat(e).hasMessageContaining("no successful run of build on " + SHA);
            });

    runs.update(test.withState(RunState.FAILURE, Instant.now(), "exit code 1"));
    assertThatThrownBy(() -> reads.upstreams(test.id(), bearer(test)))
        .isInstanceOfSatisfying(
            UploadRefused.class,
            e -> {
              assertThat(e.status()).isEqualTo(403);
              assertThat(e).hasMessageContaining("has ended (failure)");
            });
  }

  @Test
  void aJobThatCollectsWithoutAManifestHereIs404AndOneThatCollectsNothingHandsOverNothing()
      throws Exception {
    RunRecord build = running("build", SHA); // succeeded where this store was not shared
    runs.update(build.withState(RunState.SUCCESS, Instant.now(), ""));

    assertThatThrownBy(() -> reads.upstreams(test.id(), bearer(test)))
        .isInstanceOfSatisfying(
            UploadRefused.class,
            e -> {
              assertThat(e.status()).isEqualTo(404);
              assertThat(e.field()).isEqualTo("id");
              assertThat(e)
                  .hasMessageContaining(
                      "run "
                          + build.id()
                          + " of build succeeded, but what it collected is not"
                          + " in this store")
                  .hasMessageContaining("/retest runs it again");
            });

    RunRecord lint = running("lint", SHA);
    runs.update(lint.withState(RunState.SUCCESS, Instant.now(), ""));
    RunRecord deploy = running("deploy", SHA);
    var ups = reads.upstreams(deploy.id(), bearer(deploy));
    assertThat(ups).hasSize(1);
    assertThat(ups.get(0).runId()).isEqualTo(lint.id());
    assertThat(ups.get(0).manifest().files()).isEmpty();
  }
}
