package dev.ciorchestrator.executor.container;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ciorchestrator.artifact.ArtifactStore;
import dev.ciorchestrator.artifact.Manifest;
import dev.ciorchestrator.config.model.Job;
import dev.ciorchestrator.config.model.Pipeline;
import dev.ciorchestrator.domain.RunKey;
import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.domain.RunState;
import dev.ciorchestrator.domain.TestRuns;
import dev.ciorchestrator.executor.RunSpec;
import dev.ciorchestrator.executor.local.GitRepo;
import dev.ciorchestrator.executor.local.Jobs;
import dev.ciorchestrator.executor.local.LocalExecutor;
import dev.ciorchestrator.executor.process.JobSlots;
import dev.ciorchestrator.executor.workspace.WorkspaceBuilder;
import dev.ciorchestrator.run.file.FileRunStore;
import dev.ciorchestrator.supply.chain.RunSupply;
import dev.ciorchestrator.supply.oci.Registries;
import dev.ciorchestrator.supply.sign.Dsse;
import dev.ciorchestrator.supply.sign.SigningKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A container run's artifacts on real Podman: the provenance names the image with the digest the
 * engine reports for it, and a file the job made executable inside the container is recorded so.
 */
class ContainerSupplyTest {
  @TempDir Path tmp;
  Podman podman;
  GitRepo git;
  final ExecutorService pool = Executors.newCachedThreadPool();
  final SigningKey key = SigningKey.generate();

  @BeforeEach
  void setUp() throws Exception {
    podman = Podman.require();
    git = GitRepo.init(tmp.resolve("repo"));
  }

  @AfterEach
  void tearDown() {
    pool.shutdownNow();
    if (git != null) {
      git.close(); // null when Podman is missing and the test was skipped
    }
  }

  @Test
  void theProvenanceNamesTheImageByTheDigestTheEngineReports() throws Exception {
    String head = git.write("README.md", "hello\n").commit("root");
    FileRunStore store = new FileRunStore(tmp.resolve("runs"));
    ArtifactStore artifacts =
        new ArtifactStore(
            tmp.resolve("artifacts"),
            new ArtifactStore.Limits(1 << 20, 1 << 22, Duration.ofDays(1)),
            Clock.systemUTC());
    LocalExecutor executor =
        new LocalExecutor(
                store,
                new WorkspaceBuilder(),
                new ContainerLauncher(podman.engine()),
                new JobSlots(),
                tmp.resolve("work"),
                Clock.systemUTC(),
                r -> {},
                pool)
            .collecting(
                new RunSupply(
                        artifacts,
                        store,
                        key,
                        () -> "http://ci.test/builder",
                        new Registries(Map.of(), name -> null),
                        Clock.systemUTC())
                    .withSources(repo -> Optional.of("https://forge.test/" + repo + ".git")));
    String script =
        "mkdir -p out && printf '#!/bin/sh\\necho ok\\n' > out/run.sh && chmod 755 out/run.sh";

    RunRecord run =
        TestRuns.pending(
            RunKey.forChange(ContainerExecutorTest.REPO, 1, head, "unit", 1), Instant.now());
    assertThat(store.create(run)).isTrue();
    executor.start(run, new RunSpec(collecting(script), git.dir(), "main", null));
    RunRecord end = ended(store, run.id());

    assertThat(end.state()).as(end.message()).isEqualTo(RunState.SUCCESS);
    Manifest m = artifacts.manifest(end.id()).orElseThrow();
    assertThat(m.files().get(0).path()).isEqualTo("out/run.sh");
    assertThat(m.files().get(0).octalMode()).isEqualTo("0755");
    Manifest.Entry envelope =
        m.files().stream()
            .filter(e -> e.path().equals(".supply/provenance.intoto.json"))
            .findFirst()
            .orElseThrow();
    byte[] payload =
        Dsse.open(Files.readAllBytes(artifacts.file(envelope)), key.publicKey(), "p").payload();
    JsonNode deps =
        new ObjectMapper().readTree(payload).at("/predicate/buildDefinition/resolvedDependencies");
    String digest =
        podman.podman("image", "inspect", "--format", "{{.Digest}}", Podman.IMAGE).strip();
    assertThat(digest).matches("sha256:[0-9a-f]{64}");
    assertThat(deps.get(0).path("uri").asText())
        .isEqualTo("git+https://forge.test/" + ContainerExecutorTest.REPO + ".git@" + head);
    assertThat(deps.get(1).path("uri").asText()).isEqualTo("oci://" + Podman.IMAGE);
    assertThat("sha256:" + deps.get(1).at("/digest/sha256").asText()).isEqualTo(digest);
  }

  private static RunRecord ended(FileRunStore store, String id) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      Optional<RunRecord> now = store.get(id);
      if (now.isPresent() && now.get().state().terminal()) {
        return now.get();
      }
      Thread.sleep(20);
    }
    throw new AssertionError("run did not end: " + store.get(id));
  }

  private static Job collecting(String script) {
    return Jobs.withPipeline(
        ContainerExecutorTest.job(Podman.IMAGE, script, Job.Resources.NONE),
        new Pipeline(List.of(), new Pipeline.Artifacts(List.of("out/*"), false, true, null)));
  }
}
