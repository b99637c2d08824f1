package dev.ciorchestrator.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ciorchestrator.cli.CliRun;
import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.domain.RunState;
import dev.ciorchestrator.forge.local.LocalRepos;
import dev.ciorchestrator.forge.local.TestGitRepo;
import dev.ciorchestrator.run.file.FileRunStore;
import dev.ciorchestrator.supply.oci.LocalRegistry;
import dev.ciorchestrator.testing.RequiredTools;
import dev.ciorchestrator.testing.ServiceProcess;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The supply chain on the packaged service, one computer: a push to main builds a Go binary, the
 * service collects it with its SBOM and signed provenance and publishes it to a real registry
 * (Debian's docker-registry); the job that needs the build runs the binary from {@code
 * $CI_ARTIFACTS}; {@code verify} passes on the downloaded files and on the registry reference, and
 * fails on a changed file.
 */
class SupplyChainIT {
  private static final String REPO = "acme/hello";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private ServiceProcess service;
  private LocalRegistry registry;
  private TestGitRepo work;

  @AfterEach
  void tearDown() {
    if (service != null) {
      service.close();
    }
    if (registry != null) {
      registry.close();
    }
    if (work != null) {
      work.close();
    }
  }

  @Test
  void aPushedGoBuildIsCollectedSignedPublishedAndHandedOn() throws Exception {
    RequiredTools.require("go", "Debian package golang-go: the job builds a Go binary");
    RequiredTools.require("skopeo", "Debian package skopeo: reads back what was published");
    registry = LocalRegistry.start(Files.createDirectories(dir.resolve("registry")));
    Path bare = LocalRepos.bareRepoPath(dir.resolve("repos"), REPO);
    work = TestGitRepo.init(dir.resolve("work"));
    work.commit("main", "main", TestGitRepo.files("README.md", "hello\n"));
    work.bareClone(bare);
    service = ServiceProcess.of(dir, settings(config())).start();
    // a push is a branch that moved since the last pass saw it: wait for a pass to see main
    service.waitFor("a pass records the branches", () -> watermarks().contains(REPO));

    String head =
        work.commit(
            "main",
            "main",
            TestGitRepo.files(
                "go.mod", "module example.com/hello\n\ngo 1.19\n",
                "main.go", "package main\n\nfunc main() { println(\"hello\") }\n"));
    work.push(bare, "main");
    service.waitFor("go-build and go-test end on the pushed commit", () -> ended(head, 2));

    RunRecord build = run(head, "go-build").orElseThrow();
    RunRecord test = run(head, "go-test").orElseThrow();
    assertThat(build.state()).as(log(build)).isEqualTo(RunState.SUCCESS);
    assertThat(test.state()).as(log(test)).isEqualTo(RunState.SUCCESS);
    assertThat(service.log()).contains("published " + registry.host() + "/demo/hello@sha256:");

    Path download = Files.createDirectories(dir.resolve("download"));
    JsonNode manifest = json("/api/v1/runs/" + build.id() + "/artifacts");
    save(manifest, "bin/hello", download.resolve("hello"));
    save(manifest, ".supply/provenance.intoto.json", download.resolve("provenance.intoto.json"));
    save(manifest, ".supply/sbom.cdx.json", download.resolve("sbom.cdx.json"));
    save(manifest, ".supply/signatures/bin/hello.minisig", download.resolve("hello.minisig"));
    Path key = Files.writeString(dir.resolve("pub.pem"), get("/api/v1/signing/public-key"));

    CliRun ok = CliRun.of("verify", download.resolve("hello").toString(), "--key", key.toString());
    assertThat(ok.exit()).as(ok.err()).isZero();
    assertThat(ok.out())
        .contains("minisign   hello.minisig verifies")
        .contains("is the run's SBOM")
        .contains(head)
        .contains("go-build");
    String ref = registry.host() + "/demo/hello:" + head.substring(0, 12);
    CliRun published = CliRun.of("verify", ref, "--key", key.toString(), "--insecure");
    assertThat(published.exit()).as(published.err()).isZero();
    assertThat(skopeo("inspect", "--raw", "--tls-verify=false", "docker://" + ref))
        .contains("application/vnd.ci-orchestrator");

    Files.writeString(download.resolve("hello"), "tampered", StandardOpenOption.APPEND);
    CliRun tampered =
        CliRun.of("verify", download.resolve("hello").toString(), "--key", key.toString());
    assertThat(tampered.exit()).isEqualTo(1);
    assertThat(tampered.err()).contains("hello");
  }

  private Path config() throws IOException {
    Path config = Files.createDirectories(dir.resolve("config"));
    Files.writeString(
        config.resolve("ci.yaml"),
        """
        apiVersion: ci-orchestrator/v1
        kind: Repository
        name: acme/hello
        forge: local
        defaultBranch: main
        trust: {users: [alice]}
        ---
        apiVersion: ci-orchestrator/v1
        kind: Job
        name: go-build
        repos: [acme/hello]
        triggers:
          push: {branches: [main]}
        run: |
          export GOCACHE="$PWD/.cache/go" GOPATH="$PWD/.cache/gopath" GOTOOLCHAIN=local GOPROXY=off
          go build -o bin/hello .
        artifacts:
          paths: ["bin/*"]
          sbom: true
          provenance: true
          publish: {registry: local, repository: demo/hello}
        ---
        apiVersion: ci-orchestrator/v1
        kind: Job
        name: go-test
        repos: [acme/hello]
        triggers:
          push: {branches: [main]}
        needs: [go-build]
        run: |
          "$CI_ARTIFACTS/go-build/bin/hello" 2>&1 | grep -x hello
        """);
    return config;
  }

  private Map<String, String> settings(Path config) {
    Map<String, String> settings = new LinkedHashMap<>(ServiceFolders.settings(dir, config));
    settings.put("ci.forge.local.users", "alice");
    settings.put("ci.reconcile.interval", "1s");
    settings.put("ci.artifacts.dir", dir.resolve("artifacts").toString());
    settings.put("ci.signing.dir", dir.resolve("signing").toString());
    settings.put("ci.registries.local.url", registry.url().toString());
    settings.put("ci.registries.local.insecure", "true");
    return settings;
  }

  private String watermarks() {
    try {
      Path file = dir.resolve("watermarks.json");
      return Files.exists(file) ? Files.readString(file) : "";
    } catch (IOException e) {
      return "";
    }
  }

  private boolean ended(String head, int jobs) {
    try {
      return records().stream()
              .filter(r -> r.key().sha().equals(head) && r.state().terminal())
              .count()
          >= jobs;
    } catch (IOException e) {
      return false;
    }
  }

  private Optional<RunRecord> run(String head, String job) throws IOException {
    return records().stream()
        .filter(r -> r.key().sha().equals(head) && r.key().job().equals(job))
        .findFirst();
  }

  /** The run's message and log, to show why it failed. */
  private String log(RunRecord run) throws IOException {
    Path log = dir.resolve("runs/logs/" + run.id() + ".log");
    return run.message() + "\n" + (Files.exists(log) ? Files.readString(log) : "(no log)");
  }

  private List<RunRecord> records() throws IOException {
    return new FileRunStore(dir.resolve("runs/records")).all();
  }

  private JsonNode json(String path) throws IOException {
    return JSON.readTree(get(path));
  }

  private String get(String path) throws IOException {
    HttpResponse<String> r = service.send(service.request(path).GET().build());
    assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
    return r.body();
  }

  private void save(JsonNode manifest, String path, Path to)
      throws IOException, InterruptedException {
    for (JsonNode f : manifest.path("files")) {
      if (f.path("path").asText().equals(path)) {
        HttpResponse<Path> r =
            HttpClient.newHttpClient()
                .send(
                    service.request(f.path("url").asText()).GET().build(),
                    HttpResponse.BodyHandlers.ofFile(to));
        assertThat(r.statusCode()).isEqualTo(200);
        return;
      }
    }
    throw new AssertionError(path + " is not in the run's manifest: " + manifest);
  }

  private String skopeo(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("skopeo"));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor()).as(out).isZero();
    return out;
  }
}
