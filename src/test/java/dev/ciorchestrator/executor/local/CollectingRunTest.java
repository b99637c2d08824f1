package dev.ciorchestrator.executor.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ciorchestrator.artifact.ArtifactStore;
import dev.ciorchestrator.artifact.Manifest;
import dev.ciorchestrator.config.model.Job;
import dev.ciorchestrator.config.model.Pipeline;
import dev.ciorchestrator.config.model.SourcePosition;
import dev.ciorchestrator.domain.RunKey;
import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.domain.RunState;
import dev.ciorchestrator.domain.TestRuns;
import dev.ciorchestrator.executor.RunSpec;
import dev.ciorchestrator.executor.process.JobSlots;
import dev.ciorchestrator.executor.process.ProcessRunner;
import dev.ciorchestrator.executor.workspace.WorkspaceBuilder;
import dev.ciorchestrator.run.file.FileRunStore;
import dev.ciorchestrator.supply.chain.RunSupply;
import dev.ciorchestrator.supply.oci.Registries;
import dev.ciorchestrator.supply.provenance.Provenance;
import dev.ciorchestrator.supply.sign.Dsse;
import dev.ciorchestrator.supply.sign.Minisign;
import dev.ciorchestrator.supply.sign.SigningKey;
import dev.ciorchestrator.supply.verify.Statement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real bash run whose {@code artifacts.paths} are collected from its workspace after exit 0. */
class CollectingRunTest {
  static final Instant T0 = Instant.parse("2026-12-03T12:00:00Z");

  @TempDir Path tmp;
  GitRepo git;
  String head;
  FileRunStore store;
  ArtifactStore artifacts;
  LocalExecutor executor;
  final SigningKey key = SigningKey.generate();
  final ExecutorService pool = Executors.newCachedThreadPool();

  @BeforeEach
  void setUp() throws Exception {
    git = GitRepo.init(tmp.resolve("repo"));
    git.write("README.md", "hello\n").commit("root");
    git.checkout("feature", true);
    head = git.write("feature.txt", "feature\n").commit("feature");
    store = new FileRunStore(tmp.resolve("runs"));
    Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
    artifacts =
        new ArtifactStore(
            tmp.resolve("artifacts"),
            new ArtifactStore.Limits(1 << 16, 1 << 20, Duration.ofDays(1)),
            clock);
    ProcessRunner runner =
        new ProcessRunner("bash", Map.of("PATH", System.getenv("PATH")), Duration.ofMillis(300));
    executor =
        new LocalExecutor(
                store,
                new WorkspaceBuilder(),
                runner,
                new JobSlots(),
                tmp.resolve("work"),
                clock,
                r -> {},
                pool)
            .collecting(
                new RunSupply(
                        artifacts,
                        store,
                        key,
                        () -> "http://ci.test/builder",
                        new Registries(Map.of(), name -> null),
                        clock)
                    .withSources(
                        repo ->
                            repo.equals("demo/app") ? Optional.of(source()) : Optional.empty()));
  }

  @AfterEach
  void tearDown() {
    pool.shutdownNow();
    git.close();
  }

  @Test
  void aSuccessfulRunLeavesItsArtifactsInTheStore() throws Exception {
    RunRecord end = run("mkdir -p bin && printf hi > bin/hello && echo log", "bin/*");

    assertThat(end.state()).isEqualTo(RunState.SUCCESS);
    Manifest m = artifacts.manifest(end.id()).orElseThrow();
    assertThat(m.files()).extracting(Manifest.Entry::path).containsExactly("bin/hello");
    assertThat(artifacts.blob(m.files().get(0).digest())).isPresent();
    assertThat(executor.workspace(end.id())).doesNotExist();
  }

  @Test
  void aFailedRunCollectsNothing() throws Exception {
    RunRecord end = run("mkdir -p bin && printf hi > bin/hello && exit 1", "bin/*");

    assertThat(end.state()).isEqualTo(RunState.FAILURE);
    assertThat(artifacts.manifest(end.id())).isEmpty();
  }

  @Test
  void aLinkToPasswdFailsTheRunWithTheReason() throws Exception {
    RunRecord end = run("mkdir -p bin && ln -s /etc/passwd bin/passwd", "bin/*");

    assertThat(end.state()).isEqualTo(RunState.FAILURE);
    assertThat(end.message()).contains("refused bin/passwd").contains("outside the workspace");
    assertThat(artifacts.manifest(end.id())).isEmpty();
  }

  @Test
  void aRunOverItsQuotaFailsSayingSo() throws Exception {
    RunRecord end = run("mkdir -p bin && head -c 100000 /dev/zero > bin/big", "bin/*");

    assertThat(end.state()).isEqualTo(RunState.FAILURE);
    assertThat(end.message()).contains("ci.artifacts.max-run-size (65536 bytes)");
  }

  @Test
  void theRunsSbomProvenanceAndSignaturesAreFilesOfTheRunThatVerify() throws Exception {
    RunRecord end = run("build", BUILD, supplied(List.of()));

    assertThat(end.state()).as(end.message()).isEqualTo(RunState.SUCCESS);
    Manifest m = artifacts.manifest(end.id()).orElseThrow();
    assertThat(m.files())
        .extracting(Manifest.Entry::path)
        .containsExactly(
            "bin/hello",
            ".supply/provenance.intoto.json",
            ".supply/sbom.cdx.json",
            ".supply/signatures/bin/hello.minisig");
    Statement statement = statement(m);
    statement.requireSubject("bin/hello", m.files().get(0).sha256(), "provenance");
    assertThat(statement.describe()).contains("demo/app").contains(head).contains("build");
    JsonNode definition = payload(m).at("/predicate/buildDefinition");
    assertThat(definition.at("/resolvedDependencies/0/uri").asText())
        .isEqualTo("git+" + source() + "@" + head);
    assertThat(definition.at("/resolvedDependencies/0/digest/gitCommit").asText()).isEqualTo(head);
    assertThat(definition.path("resolvedDependencies")).hasSize(1); // no image to name
    assertThat(definition.at("/internalParameters/image").asText()).isEqualTo(Provenance.NO_IMAGE);
    Path hello = artifacts.file(m.files().get(0));
    Minisign.verify(
        key.publicKey(),
        hello,
        Files.readString(artifacts.file(entry(m, ".supply/signatures/bin/hello.minisig"))),
        "hello.minisig");
  }

  @Test
  void aJobThatNeedsAnotherFindsItsArtifactsAndNamesThemInItsProvenance() throws Exception {
    RunRecord build =
        run(
            "build",
            BUILD + " && printf '#!/bin/sh\\necho ran\\n' > bin/check.sh && chmod 755 bin/check.sh",
            supplied(List.of()));
    String hello = entry(artifacts.manifest(build.id()).orElseThrow(), "bin/hello").sha256();

    RunRecord test =
        run(
            "test",
            "test \"$(\"$CI_ARTIFACTS/build/bin/check.sh\")\" = ran && test \"$(cat \"$CI_ARTIFACTS/build/bin/hello\")\" = hi"
                + " && mkdir -p out"
                + " && cp \"$CI_ARTIFACTS/build/bin/hello\" out/copy",
            new Pipeline(
                List.of(new Pipeline.Need("build", SourcePosition.ofFile("test.yaml"))),
                new Pipeline.Artifacts(List.of("out/*"), false, true, null)));

    assertThat(test.state()).as(test.message()).isEqualTo(RunState.SUCCESS);
    JsonNode deps =
        payload(artifacts.manifest(test.id()).orElseThrow())
            .at("/predicate/buildDefinition/resolvedDependencies");
    assertThat(deps.findValuesAsText("name")).startsWith("build/bin/check.sh", "build/bin/hello");
    assertThat(deps.get(2).at("/digest/sha256").asText()).isEqualTo(hello);
  }

  @Test
  void aChangedUpstreamFileFailsTheJobNamingIt() throws Exception {
    RunRecord build = run("build", BUILD, supplied(List.of()));
    Path blob = artifacts.file(artifacts.manifest(build.id()).orElseThrow().files().get(0));
    Files.writeString(blob, "evil");

    RunRecord test =
        run(
            "test",
            "true",
            new Pipeline(
                List.of(new Pipeline.Need("build", SourcePosition.ofFile("test.yaml"))),
                Pipeline.Artifacts.NONE));

    assertThat(test.state()).isEqualTo(RunState.FAILURE);
    assertThat(test.message())
        .contains(".ci-artifacts/build/bin/hello")
        .contains("does not match its manifest");
  }

  @Test
  void aRegistryThatCannotBeReachedFailsTheRunThatMustPublish() throws Exception {
    var publish =
        new Pipeline.Publish("nowhere", "demo/hello", Set.of(Pipeline.Publish.On.PULL_REQUEST));

    RunRecord end = run("build", BUILD, supplied(List.of(publish)));

    assertThat(end.state()).isEqualTo(RunState.FAILURE);
    assertThat(end.message())
        .startsWith("artifacts: publish to registry 'nowhere' (demo/hello) failed:")
        .contains("no registry 'nowhere'");
  }

  @Test
  void aChangeDoesNotPublishUnlessTheJobSaysSo() throws Exception {
    var publish = new Pipeline.Publish("nowhere", "demo/hello", Pipeline.Publish.DEFAULT_ON);

    RunRecord end = run("build", BUILD, supplied(List.of(publish)));

    assertThat(end.state()).as(end.message()).isEqualTo(RunState.SUCCESS);
    assertThat(artifacts.manifest(end.id()).orElseThrow().published()).isFalse();
  }

  private String source() {
    return git.dir().toUri().toString();
  }

  static final String BUILD = "mkdir -p bin && printf hi > bin/hello";

  private static Pipeline supplied(List<Pipeline.Publish> publish) {
    return new Pipeline(
        List.of(),
        new Pipeline.Artifacts(
            List.of("bin/*"), true, true, publish.isEmpty() ? null : publish.get(0)));
  }

  private Statement statement(Manifest m) throws Exception {
    return Statement.read(opened(m), "p");
  }

  private JsonNode payload(Manifest m) throws Exception {
    return new ObjectMapper().readTree(opened(m));
  }

  private byte[] opened(Manifest m) throws Exception {
    byte[] envelope =
        Files.readAllBytes(artifacts.file(entry(m, ".supply/provenance.intoto.json")));
    return Dsse.open(envelope, key.publicKey(), "p").payload();
  }

  private static Manifest.Entry entry(Manifest m, String path) {
    return m.files().stream().filter(e -> e.path().equals(path)).findFirst().orElseThrow();
  }

  private RunRecord run(String script, String glob) throws Exception {
    return run(
        "build",
        script,
        new Pipeline(List.of(), new Pipeline.Artifacts(List.of(glob), false, false, null)));
  }

  private RunRecord run(String name, String script, Pipeline pipeline) throws Exception {
    Job job = Jobs.withPipeline(Jobs.job(name, script), pipeline);
    RunRecord run = TestRuns.pending(RunKey.forChange("demo/app", 7, head, name, 1), T0);
    assertThat(store.create(run)).isTrue();
    executor.start(run, new RunSpec(job, git.dir(), "main", head, true));
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      var r = store.get(run.id());
      if (r.isPresent() && r.get().state().terminal()) {
        return r.get();
      }
      Thread.sleep(20);
    }
    throw new AssertionError("run did not end: " + store.get(run.id()));
  }
}
