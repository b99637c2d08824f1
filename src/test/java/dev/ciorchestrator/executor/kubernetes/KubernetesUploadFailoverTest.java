package dev.ciorchestrator.executor.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.artifact.Manifest;
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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A leader failover in the middle of a pod's upload (issue 12): two controllers share one real
 * PostgreSQL store (runs and staged uploads) and one CRUD mock API server; the upload Service sends
 * each request to the next replica. The sidecar (a real {@code pod upload} process) uploads half
 * its files to the first, which then stops leading; the rest goes to the second (the first answers
 * 503 from then on, and the sidecar retries), which adopts the run as a new leader does. The run
 * ends {@code success} with every artifact taken in once, by the new leader only.
 */
class KubernetesUploadFailoverTest {
  static final long QUOTA = 8L << 20;
  static final int FILES = 4;
  static final int FILE_SIZE = 300_000; // two chunks each: 256 KiB and the rest
  static final String SCRIPT =
      """
      mkdir -p bin out
      for f in 1 2 3 4; do head -c 300000 < <(yes "line of file $f") > bin/f$f; done
      printf '<testsuite name="s"><testcase classname="s" name="ok"/></testsuite>' > out/junit.xml
      echo built it
      """;

  @TempDir Path tmp;
  DataSource db;
  ApiServer api;
  FakeKubelet kubelet;
  UploadServer service;
  final WriteFence fenceA = WriteFence.open();
  final WriteFence fenceB = WriteFence.closed();
  final AtomicInteger takenByA = new AtomicInteger();
  final AtomicInteger takenByB = new AtomicInteger();
  final AtomicInteger refusedByA = new AtomicInteger();
  volatile boolean failOverAtDone;
  PostgresRunStore storeA;
  PostgresRunStore storeB;
  UploadReplica a;
  UploadReplica b;

  @BeforeEach
  void setUp() throws Exception {
    db = PostgresServer.dataSource(PostgresServer.shared().newDatabase());
    Flyway.configure().dataSource(db).locations("classpath:db/migration").load().migrate();
    UploadTokens tokens = new UploadTokens("shared-upload-key-0123456789".getBytes());
    storeA = new PostgresRunStore(db, fenceA);
    storeB = new PostgresRunStore(db, fenceB);
    PostgresUploadStaging stagingA =
        new PostgresUploadStaging(db, fenceA, tmp.resolve("a/uploads"), QUOTA);
    PostgresUploadStaging stagingB =
        new PostgresUploadStaging(db, fenceB, tmp.resolve("b/uploads"), QUOTA);
    service =
        new UploadServer(
            List.of(new Uploads(storeA, tokens, stagingA), new Uploads(storeB, tokens, stagingB)),
            this::answered);
    api = new ApiServer();
    kubelet = new FakeKubelet(api, tmp);
    RenderOptions options = RenderOptions.defaults();
    a = new UploadReplica(tmp.resolve("a"), api, storeA, stagingA, tokens, service.url(), options);
    b = new UploadReplica(tmp.resolve("b"), api, storeB, stagingB, tokens, service.url(), options);
  }

  /**
   * The first replica loses its leadership once it took half of the files' chunks, or (with {@link
   * #failOverAtDone}) once it took the sidecar's {@code done}.
   */
  private void answered(int replica, int status, String request) {
    if (replica == 0 && status == 503) {
      refusedByA.incrementAndGet();
    }
    if (replica == 0 && status == 204 && failOverAtDone && request.contains("/upload/done")) {
      failOver();
    }
    if (status != 204 || !request.contains("/upload/file")) {
      return;
    }
    int taken = (replica == 0 ? takenByA : takenByB).incrementAndGet();
    if (replica == 0 && taken == FILES && !failOverAtDone) { // two of four files, two chunks each
      failOver();
    }
  }

  private void failOver() {
    fenceA.follow();
    fenceB.lead();
  }

  @AfterEach
  void tearDown() {
    a.close();
    b.close();
    kubelet.close();
    api.close();
    service.close();
  }

  @Test
  void aFailoverDuringThePodsUploadLosesNothingAndTheNewLeaderTakesItInOnce() throws Exception {
    RunRecord end = runAcrossTheFailover();

    assertThat(takenByA.get()).isEqualTo(FILES);
    assertThat(takenByB.get()).isEqualTo(FILES + 1); // the other two files, and the report
    assertThat(refusedByA.get()).isPositive();
    assertAllTakenInOnceByTheNewLeader(end);
  }

  @Test
  void aFailoverAfterTheUploadFinishedLosesNothingEither() throws Exception {
    failOverAtDone = true;

    RunRecord end = runAcrossTheFailover();

    assertThat(takenByA.get()).isEqualTo(2 * FILES + 1);
    assertThat(takenByB.get()).isZero();
    assertAllTakenInOnceByTheNewLeader(end);
  }

  private RunRecord runAcrossTheFailover() throws Exception {
    Job job =
        UploadingJobs.uploading(
            KubernetesExecutorTest.job(
                "build", SCRIPT, Duration.ofSeconds(90), Job.Resources.NONE, "bash:5"),
            List.of("bin/*"),
            List.of("out/junit.xml"),
            List.of());
    RunSpec spec = new RunSpec(job, Path.of("unused"), "main", "c".repeat(40));
    RunRecord run =
        TestRuns.pending(
            RunKey.forChange("demo/app", 12, "c".repeat(40), "build", 1), Instant.now());
    storeA.create(run);
    a.executor.start(run, spec);

    awaitLeadershipMoved();
    // what the new leader's reconcile loop does with the runs it finds open
    b.executor.recover(storeB.get(run.id()).orElseThrow(), Optional.of(spec));
    return awaitEnd(run.id());
  }

  private void assertAllTakenInOnceByTheNewLeader(RunRecord end) throws Exception {
    assertThat(end.state()).as(end.message()).isEqualTo(RunState.SUCCESS);
    Manifest manifest = b.artifacts.manifest(end.id()).orElseThrow();
    List<Manifest.Entry> files =
        manifest.files().stream().filter(e -> e.path().startsWith("bin/")).toList();
    assertThat(files)
        .extracting(Manifest.Entry::path)
        .containsExactly("bin/f1", "bin/f2", "bin/f3", "bin/f4");
    for (Manifest.Entry file : files) {
      String n = file.path().substring("bin/f".length());
      assertThat(file.digest()).as(file.path()).isEqualTo(sha256(content(n)));
      assertThat(file.size()).isEqualTo(FILE_SIZE);
    }
    assertThat(a.artifacts.manifest(end.id())).as("the deposed leader took nothing in").isEmpty();
    assertThat(a.reports.get(end.id())).isEmpty();
    assertThat(end.results().tests().passed()).isEqualTo(1);
    assertThat(Files.readString(b.executor.logFile(end.id()))).contains("built it");
    for (int i = 0; i < 1200 && count("upload_runs") > 0; i++) { // deleted after the record
      Thread.sleep(50);
    }
    assertThat(count("upload_runs")).as("staged rows left").isZero();
    assertThat(count("upload_chunks")).isZero();
  }

  private void awaitLeadershipMoved() throws InterruptedException {
    for (int i = 0; i < 1200 && !fenceB.isOpen(); i++) { // a hang guard, not a timing assertion
      Thread.sleep(50);
    }
    assertThat(fenceB.isOpen())
        .as("the first replica took half the files: %s", service.answers)
        .isTrue();
  }

  private RunRecord awaitEnd(String id) throws Exception {
    for (int i = 0; i < 2400; i++) { // a hang guard, not a timing assertion
      RunRecord now = storeB.get(id).orElseThrow();
      if (now.state().terminal()) {
        return now;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("run " + id + " never ended: " + service.answers);
  }

  private long count(String table) throws Exception {
    try (Connection c = db.getConnection();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT count(*) FROM " + table)) {
      r.next();
      return r.getLong(1);
    }
  }

  /** What {@code head -c 300000 < <(yes "line of file <n>")} writes. */
  private static byte[] content(String n) {
    byte[] line = ("line of file " + n + "\n").getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[FILE_SIZE];
    for (int i = 0; i < FILE_SIZE; i++) {
      out[i] = line[i % line.length];
    }
    return out;
  }

  private static String sha256(byte[] bytes) throws Exception {
    return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
