package dev.ciorchestrator.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.ciorchestrator.callback.Signature;
import dev.ciorchestrator.forge.local.LocalRepos;
import dev.ciorchestrator.forge.local.TestGitRepo;
import dev.ciorchestrator.testing.TestUsers;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The service with every kind of secret set (callback secrets, a GitHub token and webhook secret, a
 * token in the deployment callback's URL path) takes a change through runs, a gate and signed
 * callbacks, one of them retried after a 500 and one with a missing secret; then neither its log
 * (written as JSON to a file, from startup on) nor any API answer holds a secret value. The same
 * log proves that its lines about a run carry the run's id, repository and job.
 */
@QuarkusTest
@TestProfile(SecretsNeverLoggedTest.Service.class)
class SecretsNeverLoggedTest {
  private static final String CHANGES = "/api/v1/repos/acme/app/changes";
  private static final String DEPLOYMENT_SECRET = "dEpl0yment-s3cret-7a1";
  private static final String REPO_SECRET = "r3po-s3cret-9c2";
  private static final String PATH_TOKEN = "p4th-t0ken-4f8";
  private static final String GITHUB_TOKEN = "ghp_t0kenNeverLogged0123456789abcdef";
  private static final String WEBHOOK_SECRET = "wh00k-s3cret-e5d";
  // The API tokens too: the test acts as alice with hers, and no log line or answer may show one.
  private static final List<String> SECRETS =
      Stream.concat(
              Stream.of(DEPLOYMENT_SECRET, REPO_SECRET, PATH_TOKEN, GITHUB_TOKEN, WEBHOOK_SECRET),
              TestUsers.USERS.stream().map(TestUsers::token))
          .toList();
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One callback request: its path, event header, signature and body. */
  record Received(String path, String event, String signature, byte[] body) {}

  static final List<Received> RECEIVED = new CopyOnWriteArrayList<>();
  static Path log;

  /** Config, forge repository, callback receiver and secrets, made before the service starts. */
  public static class Service implements QuarkusTestProfile {
    private static HttpServer receiver;

    @Override
    public Map<String, String> getConfigOverrides() {
      try {
        Path dir = Files.createTempDirectory("secrets-never-logged");
        String base = "http://127.0.0.1:" + receiver().getAddress().getPort();
        Path config = Files.createDirectories(dir.resolve("config"));
        Files.writeString(
            config.resolve("ci.yaml"),
            """
            apiVersion: ci-orchestrator/v1
            kind: Repository
            name: acme/app
            forge: local
            trust: {users: [alice, bob]}
            callbacks:
              - {url: "%s/repo", secret: repo-hook}
            ---
            apiVersion: ci-orchestrator/v1
            kind: Job
            name: build
            repos: [acme/app]
            triggers:
              pullRequest: {branches: [main]}
            run: "true"
            timeout: 1m
            callbacks:
              - {url: "%s/job", secret: not-in-the-deployment}
            """
                .formatted(base, base));
        try (TestGitRepo work = TestGitRepo.init(dir.resolve("work"))) {
          work.commit("main", "main", TestGitRepo.files("app.txt", "ok\n"));
          work.commit("feature", "main", TestGitRepo.files("feature.txt", "new\n"));
          work.bareClone(LocalRepos.bareRepoPath(dir.resolve("repos"), "acme/app"));
        }
        log = dir.resolve("service.json.log");
        Map<String, String> settings = new HashMap<>(ServiceFolders.settings(dir, config));
        settings.put("ci.callbacks.url", base + "/deployment/" + PATH_TOKEN);
        settings.put("ci.callbacks.secret", DEPLOYMENT_SECRET);
        settings.put("ci.callbacks.secrets.repo-hook", REPO_SECRET);
        settings.put("ci.callbacks.initial-backoff", "50ms");
        settings.put("ci.forge.github.acme.token", GITHUB_TOKEN);
        settings.put("ci.forge.github.acme.webhook-secret", WEBHOOK_SECRET);
        settings.put("quarkus.log.file.enabled", "true");
        settings.put("quarkus.log.file.path", log.toString());
        settings.put("quarkus.log.file.json.enabled", "true");
        settings.put("quarkus.log.category.\"dev.ciorchestrator\".level", "DEBUG");
        return settings;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }

    /** Answers the deployment callback's first run report with 500, everything else with 204. */
    private static synchronized HttpServer receiver() throws IOException {
      if (receiver != null) {
        return receiver;
      }
      receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      AtomicBoolean failed = new AtomicBoolean();
      receiver.createContext(
          "/",
          exchange -> {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
              body = in.readAllBytes();
            }
            String path = exchange.getRequestURI().getPath();
            String event = exchange.getRequestHeaders().getFirst(Signature.EVENT_HEADER);
            RECEIVED.add(
                new Received(
                    path, event, exchange.getRequestHeaders().getFirst(Signature.HEADER), body));
            boolean fail =
                path.startsWith("/deployment")
                    && "run".equals(event)
                    && failed.compareAndSet(false, true);
            exchange.sendResponseHeaders(fail ? 500 : 204, -1);
            exchange.close();
          });
      receiver.start();
      return receiver;
    }
  }

  private static long received(String pathPrefix, String event) {
    return RECEIVED.stream()
        .filter(r -> r.path().startsWith(pathPrefix) && event.equals(r.event()))
        .count();
  }

  @Test
  void noSecretReachesTheLogOrTheApi() throws Exception {
    int n = ServiceApi.openFeatureChange(CHANGES);
    ServiceApi.until(
        "run and gate reports reach the deployment's and the repository's callbacks",
        () -> RECEIVED.size(),
        size ->
            received("/deployment", "run") > 1
                && received("/deployment", "gate") > 0
                && received("/repo", "run") > 0
                && received("/repo", "gate") > 0,
        size -> RECEIVED.stream().map(r -> r.path() + " " + r.event()).toList().toString());
    String runId =
        given()
            .get("/api/v1/runs?repo=acme/app&change=" + n)
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getString("[0].id");

    assertThat(received("/job", "run")).as("no secret, no report").isZero();
    for (Received r : RECEIVED) {
      String secret = r.path().startsWith("/deployment") ? DEPLOYMENT_SECRET : REPO_SECRET;
      assertThat(Signature.verify(secret, r.body(), r.signature())).as(r.path()).isTrue();
      assertThat(new String(r.body(), java.nio.charset.StandardCharsets.UTF_8))
          .as("report body")
          .doesNotContain(SECRETS);
    }

    List<String> answers = new ArrayList<>();
    for (String path :
        List.of(
            "/api/v1/config",
            "/api/v1/runs",
            "/api/v1/runs/" + runId,
            "/api/v1/runs/" + runId + "/log",
            "/api/v1/reconcile",
            CHANGES,
            CHANGES + "/" + n,
            "/q/metrics",
            "/q/health")) {
      answers.add(path + ": " + given().get(path).then().extract().asString());
    }
    assertThat(answers).allSatisfy(a -> assertThat(a).doesNotContain(SECRETS));

    String logText =
        ServiceApi.until(
            "the retried and the unsigned callbacks are logged",
            () -> read(log),
            t -> t.contains("HTTP 500") && t.contains("ci.callbacks.secrets.not-in-the-deployment"),
            t -> t);
    assertThat(logText).doesNotContain(SECRETS);
    assertThat(logText).as("the log is JSON lines").isNotBlank();
    assertRunLinesCarryTheirRun(logText);
  }

  /** Every line about a run (ours, the executor's, the callbacks') names it in its MDC. */
  private static void assertRunLinesCarryTheirRun(String logText) throws IOException {
    List<JsonNode> aboutRuns = new ArrayList<>();
    for (String line : logText.split("\n")) {
      JsonNode j = JSON.readTree(line);
      String message = j.path("message").asText();
      if (message.matches("run \\S+ (started|success|failure|error|aborted).*")
          || (message.startsWith("callback ") && message.contains("(run)"))
          || message.contains("ci.callbacks.secrets.not-in-the-deployment")) {
        aboutRuns.add(j);
      }
    }
    assertThat(aboutRuns)
        .extracting(j -> j.path("message").asText())
        .anyMatch(m -> m.matches("run \\S+ started.*"))
        .anyMatch(m -> m.matches("run \\S+ success.*"))
        .anyMatch(m -> m.startsWith("callback ") && m.contains("HTTP 500"))
        .anyMatch(m -> m.contains("not-in-the-deployment"));
    for (JsonNode j : aboutRuns) {
      JsonNode mdc = j.path("mdc");
      String message = j.path("message").asText();
      String runId = message.startsWith("run ") ? message.split(" ")[1] : null;
      assertThat(mdc.path("run_id").asText()).as(j.toString()).isNotBlank();
      if (runId != null) {
        assertThat(mdc.path("run_id").asText()).as(j.toString()).isEqualTo(runId);
      }
      assertThat(mdc.path("repo").asText()).as(j.toString()).isEqualTo("acme/app");
      assertThat(mdc.path("job").asText()).as(j.toString()).isEqualTo("build");
    }
  }

  private static String read(Path p) {
    try {
      return Files.exists(p) ? Files.readString(p) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
