package dev.ciorchestrator.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.domain.RunState;
import dev.ciorchestrator.forge.local.LocalRepos;
import dev.ciorchestrator.forge.local.TestGitRepo;
import dev.ciorchestrator.run.file.FileRunStore;
import dev.ciorchestrator.testing.ServiceProcess;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run the packaged service started, killed ({@code kill -9}) while the job runs, and adopted by
 * the restarted service: its reports reach the API and its cache is saved, as for any run.
 */
class AdoptedRunReportsIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String REPO = "acme/app";

  @TempDir Path dir;
  private ServiceProcess service;

  @AfterEach
  void tearDown() {
    if (service != null) {
      service.close();
    }
  }

  @Test
  void aRunAdoptedAfterAKillHasItsTestsAndFindingsInTheApiAndSavesItsCache() throws Exception {
    Path started = dir.resolve("started");
    Path go = dir.resolve("go");
    service = service(started, go);
    service.start();
    open();
    service.waitFor("the job runs", () -> Files.exists(started));

    service.kill();
    service.start();
    Files.createFile(go);

    service.waitFor(
        "the adopted run ends", () -> run().map(r -> r.state().terminal()).orElse(false));
    RunRecord run = run().orElseThrow();
    assertThat(run.state()).as(run.message()).isEqualTo(RunState.SUCCESS);
    JsonNode tests = get("/api/v1/runs/" + run.id() + "/tests");
    assertThat(tests.path("counts").path("passed").asInt()).isEqualTo(1);
    assertThat(tests.path("counts").path("failed").asInt()).isEqualTo(1);
    assertThat(tests.path("cases").findValuesAsText("name")).contains("run0", "broken");
    JsonNode findings = get("/api/v1/runs/" + run.id() + "/findings");
    assertThat(findings.path("counts").path("error").asInt()).isEqualTo(1);
    assertThat(findings.path("findings").get(0).path("file").asText()).isEqualTo("src/a.c");
    try (Stream<Path> saved = Files.walk(dir.resolve("caches"))) {
      assertThat(saved.filter(p -> p.getFileName().toString().equals("n")))
          .as("the cache the adopter saved")
          .isNotEmpty();
    }
  }

  private ServiceProcess service(Path started, Path go) throws Exception {
    Path config = Files.createDirectories(dir.resolve("config"));
    Files.writeString(
        config.resolve("ci.yaml"),
        """
        apiVersion: ci-orchestrator/v1
        kind: Repository
        name: acme/app
        forge: local
        defaultBranch: main
        trust: {users: [alice]}
        ---
        apiVersion: ci-orchestrator/v1
        kind: Job
        name: unit
        repos: [acme/app]
        triggers:
          pullRequest: {branches: [main]}
        timeout: 2m
        tier: unit
        reports: {junit: [out/junit.xml], sarif: [out/lint.sarif]}
        caches: [{name: counter, env: COUNTER}]
        env: {STARTED: "%s", GO: "%s"}
        run: |
          touch "$STARTED"
          while [ ! -f "$GO" ]; do sleep 0.05; done
          mkdir -p out
          n=$(cat "$COUNTER/n" 2>/dev/null || echo 0)
          echo $((n + 1)) > "$COUNTER/n"
          echo "<testsuite name='s'><testcase name='run$n'/><testcase name='broken'><failure message='x'/></testcase></testsuite>" > out/junit.xml
          echo '{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"lint"}},"results":[{"ruleId":"R1","level":"error","message":{"text":"bad"},"locations":[{"physicalLocation":{"artifactLocation":{"uri":"src/a.c"},"region":{"startLine":3}}}]}]}]}' > out/lint.sarif
        """
            .formatted(started, go));
    Path bare = LocalRepos.bareRepoPath(dir.resolve("repos"), REPO);
    try (TestGitRepo work = TestGitRepo.init(dir.resolve("work"))) {
      work.commit("main", "main", TestGitRepo.files("README.md", "app\n"));
      work.bareClone(bare);
    }
    TestGitRepo.branchesOnMain(bare, 1);
    Map<String, String> settings = new LinkedHashMap<>(ServiceFolders.settings(dir, config));
    settings.put("ci.reconcile.interval", "1s");
    return ServiceProcess.of(dir, settings, Map.of(), List.of());
  }

  /** alice (trusted) opens {@code change-1} into {@code main}. */
  private void open() throws IOException {
    String body =
        "{\"title\":\"Change\",\"author\":\"alice\",\"source\":\"change-1\",\"target\":\"main\"}";
    HttpResponse<String> answer =
        service.send(
            service
                .request("/api/v1/repos/" + REPO + "/changes", "alice")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
  }

  private Optional<RunRecord> run() {
    try {
      return new FileRunStore(dir.resolve("runs/records"))
          .all().stream().filter(r -> r.key().job().equals("unit")).findFirst();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private JsonNode get(String path) throws IOException {
    HttpResponse<String> answer = service.send(service.request(path, "alice").GET().build());
    assertThat(answer.statusCode()).as(path + ": " + answer.body()).isEqualTo(200);
    return JSON.readTree(answer.body());
  }
}
