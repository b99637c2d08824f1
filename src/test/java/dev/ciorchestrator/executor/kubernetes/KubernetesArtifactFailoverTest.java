package dev.ciorchestrator.executor.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.artifact.ArtifactStore;
import dev.ciorchestrator.artifact.PostgresShelf;
import dev.ciorchestrator.config.model.Job;
import dev.ciorchestrator.domain.RunKey;
import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.domain.RunState;
import dev.ciorchestrator.domain.TestRuns;
import dev.ciorchestrator.executor.RunSpec;
import dev.ciorchestrator.run.WriteFence;
import dev.ciorchestrator.run.postgres.PostgresRunStore;
import dev.ciorchestrator.testing.PostgresServer;
import dev.ciorchestrator.upload.PostgresUploadStaging;
import dev.ciorchestrator.upload.UploadTokens;
import dev.ciorchestrator.upload.Uploads;
import dev.ciorchestrator.upload.UpstreamReads;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job below another after a leader failover (issue 12): two controllers share one real PostgreSQL
 * store and one mock API server. The first leads while {@code build} runs (its sidecar uploads, the
 * first collects {@code bin/app}); then the second leads and starts {@code test}, which needs
 * {@code build}: its pod's {@code fetch} (a real {@code pod fetch} process) asks the new leader.
 * With the artifact store in the database the job gets the file the first collected; with a store
 * on each replica's own disk it fails before the job starts, naming why, instead of starting with
 * nothing.
 */
class KubernetesArtifactFailoverTest {
  static final String SHA = "d".repeat(40);
  static final long QUOTA = 8L << 20;

  @TempDir Path tmp;
  final WriteFence fenceA = WriteFence.open();
  final WriteFence fenceB = WriteFence.closed();
  ApiServer api;
  FakeKubelet kubelet;
  UploadServer service;
  PostgresRunStore storeA;
  PostgresRunStore storeB;
  UploadReplica a;
  UploadReplica b;

  void start(boolean shared) throws Exception {
    DataSource db = PostgresServer.dataSource(PostgresServer.shared().newDatabase());
    Flyway.configure().dataSource(db).locations("classpath:db/migration").load().migrate();
    UploadTokens tokens = new UploadTokens("shared-upload-key-0123456789".getBytes());
    storeA = new PostgresRunStore(db, fenceA);
    storeB = new PostgresRunStore(db, fenceB);
    PostgresUploadStaging stagingA =
        new PostgresUploadStaging(db, fenceA, tmp.resolve("a/uploads"), QUOTA);
    PostgresUploadStaging stagingB =
        new PostgresUploadStaging(db, fenceB, tmp.resolve("b/uploads"), QUOTA);
    Clock clock = Clock.systemUTC();
    ArtifactStore artifactsA =
        UploadReplica.artifactStore(
            tmp.resolve("a"), shared ? new PostgresShelf(db, fenceA, clock) : null, QUOTA);
    ArtifactStore artifactsB =
        UploadReplica.artifactStore(
            tmp.resolve("b"), shared ? new PostgresShelf(db, fenceB, clock) : null, QUOTA);
    service =
        new UploadServer(
            List.of(new Uploads(storeA, tokens, stagingA), new Uploads(storeB, tokens, stagingB)),
            // the pods of the run below start once the second leads: it answers their fetch
            new UpstreamReads(
                storeB,
                tokens,
                artifactsB,
                r -> r.key().job().equals("test") ? List.of("build") : List.of(),
                job -> job.equals("build")));
    api = new ApiServer();
    kubelet = new FakeKubelet(api, tmp);
    RenderOptions options = RenderOptions.defaults();
    a =
        new UploadReplica(
            tmp.resolve("a"), api, storeA, stagingA, tokens, service.url(), options, artifactsA);
    b =
        new UploadReplica(
            tmp.resolve("b"), api, storeB, stagingB, tokens, service.url(), options, artifactsB);
  }

  @AfterEach
  void tearDown() {
    for (AutoCloseable c : new AutoCloseable[] {a, b, kubelet, api, service}) {
      try {
        if (c != null) {
          c.close();
        }
      } catch (Exception e) {
        // the next test gets fresh ones
      }
    }
  }

  @Test
  void withTheStoreInTheDatabaseTheNewLeadersJobGetsWhatTheOldLeaderCollected() throws Exception {
    start(true);
    RunRecord build = buildOnTheFirstThenFailOver();

    RunRecord test = runOnTheSecond(testJob());

    assertThat(test.state()).as(test.message()).isEqualTo(RunState.SUCCESS);
    assertThat(Files.readString(b.executor.logFile(test.id())))
        .contains("received hello from the first leader");
    assertThat(service.answers)
        .anyMatch(x -> x.startsWith("200 /api/v1/runs/" + test.id() + "/upstream/sha256:"));
    assertThat(a.artifacts.manifest(build.id())).isEqualTo(b.artifacts.manifest(build.id()));
  }

  @Test
  void withAStoreOnEachReplicasDiskTheJobFailsBeforeItStartsNamingWhy() throws Exception {
    start(false);
    RunRecord build = buildOnTheFirstThenFailOver();
    Path started = tmp.resolve("the-job-started");

    RunRecord test =
        runOnTheSecond(KubernetesUploadTest.needingBuild("test", "touch '" + started + "'\n"));

    assertThat(test.state()).isEqualTo(RunState.FAILURE);
    assertThat(test.message())
        .contains("could not receive the artifacts of the jobs it needs")
        .contains("run " + build.id() + " of build succeeded, but what it collected is not in")
        .contains("ci.artifacts.store");
    assertThat(started).doesNotExist();
  }

  private RunRecord buildOnTheFirstThenFailOver() throws Exception {
    Job build =
        UploadingJobs.uploading(
            KubernetesExecutorTest.job(
                "build",
                "mkdir -p bin && printf 'hello from the first leader\\n' > bin/app\n",
                Duration.ofSeconds(60),
                Job.Resources.NONE,
                "bash:5"),
            List.of("bin/*"),
            List.of(),
            List.of());
    RunRecord run = TestRuns.pending(RunKey.forChange("demo/app", 7, SHA, "build", 1), now());
    storeA.create(run);
    a.executor.start(run, new RunSpec(build, Path.of("unused"), "main", SHA));
    RunRecord end = awaitEnd(storeA, run.id());
    assertThat(end.state()).as(end.message()).isEqualTo(RunState.SUCCESS);
    assertThat(a.artifacts.manifest(run.id())).isPresent();
    fenceA.follow();
    fenceB.lead();
    return end;
  }

  private static Job testJob() {
    return KubernetesUploadTest.needingBuild(
        "test",
        """
        test "$(cat "$CI_ARTIFACTS/build/bin/app")" = "hello from the first leader"
        echo "received $(cat "$CI_ARTIFACTS/build/bin/app")"
        """);
  }

  private RunRecord runOnTheSecond(Job job) throws Exception {
    RunRecord run = TestRuns.pending(RunKey.forChange("demo/app", 7, SHA, job.name(), 1), now());
    storeB.create(run);
    b.executor.start(run, new RunSpec(job, Path.of("unused"), "main", SHA));
    return awaitEnd(storeB, run.id());
  }

  private RunRecord awaitEnd(PostgresRunStore store, String id) throws Exception {
    for (int i = 0; i < 2400; i++) { // a hang guard, not a timing assertion
      RunRecord now = store.get(id).orElseThrow();
      if (now.state().terminal()) {
        return now;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("run " + id + " never ended: " + service.answers);
  }

  private static Instant now() {
    return Instant.now();
  }
}
