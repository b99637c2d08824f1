package dev.ciorchestrator.executor.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ciorchestrator.artifact.ArtifactStore;
import dev.ciorchestrator.artifact.FileModes;
import dev.ciorchestrator.artifact.Manifest;
import dev.ciorchestrator.config.model.Job;
import dev.ciorchestrator.config.model.JobQuality;
import dev.ciorchestrator.config.model.Pipeline;
import dev.ciorchestrator.config.model.SourcePosition;
import dev.ciorchestrator.domain.RunKey;
import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.domain.RunResults;
import dev.ciorchestrator.domain.RunState;
import dev.ciorchestrator.domain.TestRuns;
import dev.ciorchestrator.executor.RunSpec;
import dev.ciorchestrator.executor.local.Jobs;
import dev.ciorchestrator.quality.QualityHooks;
import dev.ciorchestrator.reports.ReportStore;
import dev.ciorchestrator.run.file.FileRunStore;
import dev.ciorchestrator.supply.chain.RunSupply;
import dev.ciorchestrator.supply.chain.SupplyChain;
import dev.ciorchestrator.supply.sign.Dsse;
import dev.ciorchestrator.upload.RunUploads;
import dev.ciorchestrator.upload.UploadTokens;
import dev.ciorchestrator.upload.Uploads;
import dev.ciorchestrator.upload.UpstreamReads;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kubernetes runs that hand back artifacts and reports, and receive those of the jobs they need:
 * the fake kubelet runs the job's wrapped script with bash, the sidecar as a real {@code java ...
 * pod upload} process, which uploads over HTTP to the controller's {@link Uploads}, and the {@code
 * fetch} init container as a real {@code java ... pod fetch} process, which downloads from the
 * controller's {@link UpstreamReads}; the executor takes the uploads in with the same {@link
 * RunSupply} and {@link QualityHooks} as local runs.
 */
class KubernetesUploadTest {
  static final String REPO = "demo/app";
  static final String SHA = "c".repeat(40);
  static final long QUOTA = 64 * 1024;

  static final String CLAIM = "ci-caches";

  @TempDir Path tmp;
  FileRunStore store;
  ArtifactStore artifacts;
  ReportStore reports;
  ApiServer api;
  FakeKubelet kubelet;
  UploadServer server;
  UploadReplica replica;
  KubernetesExecutor executor;

  /** What each job needs, as the controller's config says. */
  final Map<String, List<String>> needs = new ConcurrentHashMap<>();

  @BeforeEach
  void setUp() throws Exception {
    store = new FileRunStore(tmp.resolve("records"));
    UploadTokens tokens = new UploadTokens("test-upload-key-0123456789".getBytes());
    RunUploads staging = new RunUploads(tmp.resolve("uploads"), QUOTA);
    // the controller's store, read where the replica below collects into it
    ArtifactStore collected =
        new ArtifactStore(
            tmp.resolve("artifacts"),
            new ArtifactStore.Limits(QUOTA, 1L << 28, Duration.ofDays(1)),
            Clock.systemUTC());
    server =
        new UploadServer(
            new Uploads(store, tokens, staging),
            new UpstreamReads(
                store,
                tokens,
                collected,
                r -> needs.getOrDefault(r.key().job(), List.of()),
                job -> true));
    api = new ApiServer();
    kubelet = new FakeKubelet(api, tmp);
    replica =
        new UploadReplica(
            tmp,
            api,
            store,
            staging,
            tokens,
            server.url(),
            RenderOptions.defaults().withCacheClaim(CLAIM));
    executor = replica.executor;
    artifacts = replica.artifacts;
    reports = replica.reports;
  }

  @AfterEach
  void tearDown() {
    replica.close();
    kubelet.close();
    api.close();
    server.close();
  }

  static final String BUILD =
      """
      mkdir -p bin out
      printf 'hello artifact\\n' > bin/app
      chmod 755 bin/app
      cat > out/junit.xml <<'X'
      <testsuite name="s"><testcase classname="s" name="ok"/><testcase classname="s" name="bad"><failure message="no"/></testcase></testsuite>
      X
      cat > out/lint.sarif <<'X'
      {"version":"2.1.0","runs":[{"tool":{"driver":{"name":"lint"}},"results":[{"ruleId":"R1","level":"error","message":{"text":"bad thing"},"locations":[{"physicalLocation":{"artifactLocation":{"uri":"main.go"},"region":{"startLine":3}}}]}]}]}
      X
      echo built it
      """;

  @Test
  void aRunHandsBackItsArtifactsReportsAndLogAndTheyAreTakenInLikeALocalRun() throws Exception {
    RunRecord end = run("build", BUILD);

    assertThat(end.state()).as(end.message()).isEqualTo(RunState.SUCCESS);
    Manifest manifest = artifacts.manifest(end.id()).orElseThrow();
    assertThat(manifest.files())
        .extracting(Manifest.Entry::path)
        .contains(
            "bin/app",
            RunSupply.PREFIX + SupplyChain.SBOM_FILE,
            RunSupply.PREFIX + SupplyChain.PROVENANCE_FILE);
    Manifest.Entry app =
        manifest.files().stream().filter(e -> e.path().equals("bin/app")).findFirst().orElseThrow();
    assertThat(app.digest()).isEqualTo(sha256("hello artifact\n"));
    assertThat(app.mode()).as("the sidecar carries the executable bit").isEqualTo(0755);
    assertThat(end.results().tests()).isEqualTo(new RunResults.TestCounts(1, 1, 0));
    assertThat(end.results().failedTests()).containsExactly("s.bad");
    assertThat(end.results().findings()).isEqualTo(new RunResults.FindingCounts(1, 0, 0));
    assertThat(reports.get(end.id())).isPresent();
    assertThat(Files.readString(executor.logFile(end.id()))).contains("built it");
    Path staged = tmp.resolve("uploads").resolve(end.id());
    for (int i = 0; i < 1200 && Files.exists(staged); i++) { // deleted right after the record
      Thread.sleep(50);
    }
    assertThat(staged).doesNotExist();
  }

  @Test
  void withACacheTooBothUtilitiesWaitForTheOneMarkerAndDoTheirPart() throws Exception {
    String script = "mkdir -p \"$BUILD_CACHE\"\necho cached > \"$BUILD_CACHE/f\"\n" + BUILD;
    RunRecord end = run("cached", script, true);

    assertThat(end.state()).as(end.message()).isEqualTo(RunState.SUCCESS);
    assertThat(artifacts.manifest(end.id()).orElseThrow().files())
        .extracting(Manifest.Entry::path)
        .contains("bin/app");
    assertThat(Files.readString(executor.logFile(end.id()))).contains("built it");
    try (Stream<Path> all = Files.walk(kubelet.claim(CLAIM))) {
      assertThat(all.filter(p -> p.getFileName().toString().startsWith("v-"))).hasSize(1);
    }
  }

  @Test
  void aFailedRunHandsBackItsReportsButNoArtifacts() throws Exception {
    RunRecord end = run("fails", BUILD + "exit 3\n");

    assertThat(end.state()).isEqualTo(RunState.FAILURE);
    assertThat(end.message()).isEqualTo("exit code 3");
    assertThat(artifacts.manifest(end.id())).isEmpty();
    assertThat(end.results().tests()).isEqualTo(new RunResults.TestCounts(1, 1, 0));
  }

  @Test
  void aLinkOutOfTheWorkspaceCollectsNothingOutsideItAndFailsTheRun() throws Exception {
    RunRecord end = run("escape", "mkdir -p bin\necho x > bin/app\nln -s /etc/passwd bin/passwd\n");

    assertThat(end.state()).isEqualTo(RunState.FAILURE);
    assertThat(end.message()).contains("bin/passwd").contains("outside the workspace");
    assertThat(artifacts.manifest(end.id())).isEmpty();
    assertThat(server.answers).noneMatch(a -> a.contains("passwd"));
  }

  @Test
  void artifactsOverTheRunsQuotaAreRefusedWith413AndFailTheRun() throws Exception {
    RunRecord end = run("big", "mkdir -p bin\nhead -c 100000 /dev/zero > bin/big\n");

    assertThat(end.state()).isEqualTo(RunState.FAILURE);
    assertThat(end.message()).contains("bin/big").contains("ci.artifacts.max-run-size");
    assertThat(server.answers).anyMatch(a -> a.startsWith("413 "));
    assertThat(artifacts.manifest(end.id())).isEmpty();
  }

  @Test
  void theProvenanceNamesTheImageWithTheDigestTheKubeletReportsForTheJobContainer()
      throws Exception {
    String hex = "0123456789abcdef".repeat(4);
    kubelet.imageId("bash:5", "docker-pullable://docker.io/library/bash@sha256:" + hex);

    RunRecord end = run("pinned", BUILD);

    assertThat(end.state()).as(end.message()).isEqualTo(RunState.SUCCESS);
    JsonNode image = imageDependency(end);
    assertThat(image.path("uri").asText()).isEqualTo("oci://bash:5");
    assertThat(image.at("/digest/sha256").asText()).isEqualTo(hex);
  }

  @Test
  void anImageIdOfAFormNotKnownRecordsNoDigestRatherThanAGuess() throws Exception {
    kubelet.imageId("bash:5", "docker://sha256:" + "0123456789abcdef".repeat(4));

    RunRecord end = run("unpinned", BUILD);

    assertThat(end.state()).as(end.message()).isEqualTo(RunState.SUCCESS);
    JsonNode image = imageDependency(end);
    assertThat(image.path("uri").asText()).isEqualTo("oci://bash:5");
    assertThat(image.has("digest")).as(image.toString()).isFalse();
  }

  /** The image among the resolved dependencies of the run's signed provenance. */
  JsonNode imageDependency(RunRecord end) throws Exception {
    Manifest.Entry envelope =
        artifacts.manifest(end.id()).orElseThrow().files().stream()
            .filter(e -> e.path().equals(RunSupply.PREFIX + SupplyChain.PROVENANCE_FILE))
            .findFirst()
            .orElseThrow();
    byte[] payload =
        Dsse.open(Files.readAllBytes(artifacts.file(envelope)), replica.key.publicKey(), "p")
            .payload();
    JsonNode deps =
        new ObjectMapper().readTree(payload).at("/predicate/buildDefinition/resolvedDependencies");
    for (JsonNode dep : deps) {
      if (dep.at("/annotations/role").asText().equals("image")) {
        return dep;
      }
    }
    throw new AssertionError("no image among " + deps);
  }

  RunRecord run(String name, String script) throws Exception {
    return run(name, script, false);
  }

  RunRecord run(String name, String script, boolean cached) throws Exception {
    Job uploading =
        UploadingJobs.uploading(
            KubernetesExecutorTest.job(
                name, script, Duration.ofSeconds(60), Job.Resources.NONE, "bash:5"),
            List.of("bin/*"),
            List.of("out/junit.xml"),
            List.of("out/*.sarif"));
    Job job =
        !cached
            ? uploading
            : Jobs.withQuality(
                uploading,
                new JobQuality(
                    JobQuality.Tier.BUILD,
                    uploading.quality().reports(),
                    List.of(new JobQuality.Cache("build", "", "BUILD_CACHE", List.of()))));
    return run(job);
  }

  /** Runs {@code job} on change 12 at {@link #SHA} until it ends. */
  RunRecord run(Job job) throws Exception {
    needs.put(job.name(), job.pipeline().needNames());
    RunRecord run = TestRuns.pending(RunKey.forChange(REPO, 12, SHA, job.name(), 1), Instant.now());
    store.create(run);
    executor.start(run, new RunSpec(job, Path.of("unused"), "main", SHA));
    for (int i = 0; i < 1200; i++) { // a hang guard, not a timing assertion
      RunRecord now = store.get(run.id()).orElseThrow();
      if (now.state().terminal()) {
        return now;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("run " + run.id() + " never ended: " + store.get(run.id()));
  }

  /** A job that needs {@code build} and runs {@code script} with its artifacts. */
  static Job needingBuild(String name, String script) {
    return Jobs.withPipeline(
        KubernetesExecutorTest.job(
            name, script, Duration.ofSeconds(60), Job.Resources.NONE, "bash:5"),
        new Pipeline(
            List.of(new Pipeline.Need("build", SourcePosition.ofFile("test.yaml"))),
            Pipeline.Artifacts.NONE));
  }

  /**
   * A successful run of {@code build} on change 12 at {@link #SHA} whose {@code bin/app} (0755) is
   * in the store, as the controller collected it.
   */
  RunRecord built() throws Exception {
    RunRecord run = TestRuns.pending(RunKey.forChange(REPO, 12, SHA, "build", 1), Instant.now());
    store.create(run);
    Path ws = Files.createDirectories(tmp.resolve("build-workspace"));
    Files.createDirectories(ws.resolve("bin"));
    Files.writeString(ws.resolve("bin/app"), "hello artifact\n");
    FileModes.set(ws.resolve("bin/app"), 0755);
    artifacts.collect(run.id(), ws, List.of("bin/*"));
    RunRecord running = run.withState(RunState.RUNNING, Instant.now(), "");
    store.update(running);
    RunRecord done = running.withState(RunState.SUCCESS, Instant.now(), "");
    store.update(done);
    return done;
  }

  @Test
  void aJobThatNeedsAnotherSeesItsArtifactsVerifiedInCiArtifacts() throws Exception {
    built();

    RunRecord test =
        run(
            needingBuild(
                "test",
                """
                test "$(cat "$CI_ARTIFACTS/build/bin/app")" = "hello artifact"
                test -x "$CI_ARTIFACTS/build/bin/app"
                echo "received $(cat "$CI_ARTIFACTS/build/bin/app")"
                """));

    assertThat(test.state()).as(test.message()).isEqualTo(RunState.SUCCESS);
    assertThat(Files.readString(executor.logFile(test.id()))).contains("received hello artifact");
    assertThat(server.answers)
        .anyMatch(a -> a.startsWith("200 /api/v1/runs/" + test.id() + "/upstream/sha256:"));
  }

  @Test
  void aTamperedUpstreamBlobFailsTheRunBeforeTheJobStarts() throws Exception {
    RunRecord build = built();
    Manifest.Entry app = artifacts.manifest(build.id()).orElseThrow().files().get(0);
    Files.writeString(artifacts.file(app), "tampered blob!\n"); // the same size, another digest
    Path started = tmp.resolve("the-job-started");

    RunRecord test = run(needingBuild("test", "touch '" + started + "'\n"));

    assertThat(test.state()).isEqualTo(RunState.FAILURE);
    assertThat(test.message())
        .contains("could not receive the artifacts of the jobs it needs")
        .contains("build/bin/app")
        .contains("does not match its manifest")
        .contains("expected " + app.digest())
        .contains("got " + sha256("tampered blob!\n"));
    assertThat(started).doesNotExist();
  }

  @Test
  void withoutASuccessfulUpstreamRunTheFetchIsRefusedAndTheRunFailsNamingTheJob() throws Exception {
    RunRecord test = run(needingBuild("test", "true\n"));

    assertThat(test.state()).isEqualTo(RunState.FAILURE);
    assertThat(test.message())
        .contains("could not receive the artifacts of the jobs it needs")
        .contains("no successful run of build on " + SHA);
  }

  static String sha256(String text) throws Exception {
    return "sha256:"
        + HexFormat.of()
            .formatHex(
                MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
  }
}
