package dev.ciorchestrator.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.forge.github.webhook.Payloads;
import dev.ciorchestrator.testing.BodyFlood;
import dev.ciorchestrator.testing.HookedService;
import dev.ciorchestrator.testing.RawHttp;
import dev.ciorchestrator.testing.ServiceProcess;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
  static final int CLIENTS = 48;
  static final int FIVE_MIB = 5 * 1024 * 1024;

  @TempDir static Path dir;
  static ServiceProcess service;

  @BeforeAll
  static void start() throws Exception {
    service = HookedService.start(dir, List.of("-Xmx192m", "-XX:+UseSerialGC"));
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

    HttpResponse<String> pong = HookedService.deliver(service, "ping", Payloads.bytes("ping"));
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
