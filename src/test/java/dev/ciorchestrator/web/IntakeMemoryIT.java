package dev.ciorchestrator.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.e2e.ServiceFolders;
import dev.ciorchestrator.forge.github.webhook.Payloads;
import dev.ciorchestrator.forge.github.webhook.WebhookSignature;
import dev.ciorchestrator.forge.local.LocalRepos;
import dev.ciorchestrator.forge.local.TestGitRepo;
import dev.ciorchestrator.testing.BodyFlood;
import dev.ciorchestrator.testing.RawHttp;
import dev.ciorchestrator.testing.ServiceProcess;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11's memory case on the packaged service in a small heap ({@code -Xmx192m
 * -XX:+UseSerialGC}): 48 clients at once, three times, each sending a 5 MiB body, unsigned (as
 * measured) and with a well-formed but forged signature (which passes the header check, so its body
 * is taken in). Every answer is JSON, 401 or 503, never a 500; the service lives on.
 */
class IntakeMemoryIT {
  static final String SECRET = "webhook secret of the memory test";
  static final int CLIENTS = 48;
  static final int FIVE_MIB = 5 * 1024 * 1024;

  @TempDir static Path dir;
  static ServiceProcess service;

  @BeforeAll
  static void start() throws Exception {
    Path config = Files.createDirectories(dir.resolve("config"));
    Files.writeString(
        config.resolve("repos.yaml"),
        """
        apiVersion: ci-orchestrator/v1
        kind: Repository
        name: octo-org/hello-world
        forge: local
        """);
    try (TestGitRepo work = TestGitRepo.init(dir.resolve("work"))) {
      work.commit("main", "main", TestGitRepo.files("README", "hello\n"));
      work.bareClone(LocalRepos.bareRepoPath(dir.resolve("repos"), "octo-org/hello-world"));
    }
    Map<String, String> settings = new LinkedHashMap<>(ServiceFolders.settings(dir, config));
    settings.put("ci.forge.github.gh.webhook-secret", SECRET);
    settings.put("ci.forge.github.gh.token", "not-used");
    settings.put("ci.forge.github.gh.api-url", "http://127.0.0.1:9");
    service =
        ServiceProcess.of(dir, settings, Map.of(), List.of("-Xmx192m", "-XX:+UseSerialGC")).start();
  }

  @AfterAll
  static void stop() throws Exception {
    if (service != null) {
      service.close();
    }
  }

  @Test
  void fiveMibBodiesFromFortyEightClientsNeverGetA500() throws Exception {
    Map<Integer, Integer> unsigned = new TreeMap<>();
    Map<Integer, Integer> forged = new TreeMap<>();
    for (int round = 0; round < 3; round++) {
      count(
          unsigned,
          BodyFlood.send(
              service.port(),
              CLIENTS,
              FIVE_MIB,
              "/hooks/github",
              "X-GitHub-Event: push",
              "Content-Type: application/json"));
      count(
          forged,
          BodyFlood.send(
              service.port(),
              CLIENTS,
              FIVE_MIB,
              "/hooks/github",
              "X-GitHub-Event: push",
              "Content-Type: application/json",
              "X-GitHub-Delivery: forged",
              "X-Hub-Signature-256: sha256=" + "ab".repeat(32)));
    }
    assertThat(unsigned).as("unsigned: refused before the body").containsOnlyKeys(401);
    assertThat(forged.keySet()).as("forged: %s", forged).isSubsetOf(401, 503).contains(401);
    assertThat(service.alive()).isTrue();
    assertThat(service.log()).doesNotContain("OutOfMemoryError");

    byte[] ping = Payloads.bytes("ping");
    HttpResponse<String> pong =
        service.send(
            service
                .request("/hooks/github")
                .header("Content-Type", "application/json")
                .header("X-GitHub-Event", "ping")
                .header("X-GitHub-Delivery", UUID.randomUUID().toString())
                .header("X-Hub-Signature-256", WebhookSignature.sign(SECRET, ping))
                .POST(HttpRequest.BodyPublishers.ofByteArray(ping))
                .build());
    assertThat(pong.statusCode()).as(pong.body()).isEqualTo(200);
  }

  private static void count(Map<Integer, Integer> statuses, List<Object> answers) {
    for (Object answer : answers) {
      assertThat(answer).as("every client gets an answer").isInstanceOf(RawHttp.Answer.class);
      RawHttp.Answer a = (RawHttp.Answer) answer;
      assertThat(a.status()).as(a.body()).isIn(401, 503);
      statuses.merge(a.status(), 1, Integer::sum);
      assertThat(a.headers()).containsEntry("content-type", "application/json");
      assertThat(a.body()).startsWith("{\"error\":\"");
    }
  }
}
