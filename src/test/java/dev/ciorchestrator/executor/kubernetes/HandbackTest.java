package dev.ciorchestrator.executor.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.config.model.Job;
import dev.ciorchestrator.domain.RunKey;
import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.domain.RunState;
import dev.ciorchestrator.domain.TestRuns;
import dev.ciorchestrator.executor.RunArtifacts;
import dev.ciorchestrator.executor.RunHooks;
import dev.ciorchestrator.executor.RunSpec;
import dev.ciorchestrator.run.WriteFence;
import dev.ciorchestrator.testing.PostgresServer;
import dev.ciorchestrator.upload.PostgresUploadStaging;
import dev.ciorchestrator.upload.RunUploads;
import dev.ciorchestrator.upload.StagedRun;
import dev.ciorchestrator.upload.UploadStaging;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The take-in's decisions that need no pod: a sidecar that never said {@code done} (it died, or was
 * stopped) ends the run at once with a clear message rather than a wait, and a replica that no
 * longer leads leaves the run's uploads, and its end, to the leader.
 */
class HandbackTest {
  @TempDir Path tmp;
  final RunRecord run =
      TestRuns.pending(RunKey.forChange("demo/app", 12, "c".repeat(40), "build", 1), Instant.now());
  final RunSpec spec =
      new RunSpec(
          UploadingJobs.uploading(
              KubernetesExecutorTest.job(
                  "build", "true", Duration.ofSeconds(60), Job.Resources.NONE, "bash:5"),
              List.of("bin/*"),
              List.of(),
              List.of()),
          Path.of("unused"),
          "main",
          "c".repeat(40));

  Handback.Ended settle(UploadStaging staging, RunState state, String message) {
    return handback(staging)
        .settle(run, Optional.of(spec), state, message, tmp.resolve("run.log"), "");
  }

  static Handback handback(UploadStaging staging) {
    return new Handback(staging, RunArtifacts.NONE, RunHooks.NONE);
  }

  @Test
  void aSuccessWhoseSidecarNeverSaidDoneEndsInErrorSayingSoAndItsUploadsGo() throws Exception {
    RunUploads staging = new RunUploads(tmp.resolve("uploads"), 1000);
    staging.append(run.id(), "bin/app", 0, "half".getBytes(StandardCharsets.UTF_8));
    staging.append(run.id(), null, 0, "the log so far\n".getBytes(StandardCharsets.UTF_8));

    Handback.Ended ended = settle(staging, RunState.SUCCESS, "");

    assertThat(ended.state()).isEqualTo(RunState.ERROR);
    assertThat(ended.message()).contains("the upload sidecar did not finish");
    assertThat(Files.readString(tmp.resolve("run.log"))).isEqualTo("the log so far\n");
    // kept until the end is recorded, so a crash before that loses nothing; then they go
    assertThat(tmp.resolve("uploads").resolve(run.id())).exists();
    handback(staging).forget(run.id());
    assertThat(tmp.resolve("uploads").resolve(run.id())).doesNotExist();
  }

  @Test
  void aFailureWhoseSidecarDiedStaysAFailureWithItsOwnMessage() throws Exception {
    RunUploads staging = new RunUploads(tmp.resolve("uploads"), 1000);

    Handback.Ended ended = settle(staging, RunState.FAILURE, "exit code 3");

    assertThat(ended.state()).isEqualTo(RunState.FAILURE);
    assertThat(ended.message()).isEqualTo("exit code 3");
  }

  @Test
  void aReplicaThatNoLongerLeadsNeitherTakesInNorDeletesTheSharedUploads() throws Exception {
    DataSource db = PostgresServer.dataSource(PostgresServer.shared().newDatabase());
    Flyway.configure().dataSource(db).locations("classpath:db/migration").load().migrate();
    UploadStaging leader = new PostgresUploadStaging(db, WriteFence.open(), tmp.resolve("a"), 1000);
    leader.append(run.id(), "bin/app", 0, "all".getBytes(StandardCharsets.UTF_8));
    leader.finish(run.id(), new StagedRun.Done(0, ""));
    UploadStaging deposed =
        new PostgresUploadStaging(db, WriteFence.closed(), tmp.resolve("b"), 1000);

    Handback.Ended ended = settle(deposed, RunState.SUCCESS, "");
    handback(deposed).forget(run.id());

    assertThat(ended.state()).isEqualTo(RunState.SUCCESS); // its record update is refused anyway
    StagedRun kept = leader.staged(run.id());
    assertThat(kept.done()).isPresent();
    assertThat(Files.readString(kept.workspace().resolve("bin/app"))).isEqualTo("all");
  }
}
