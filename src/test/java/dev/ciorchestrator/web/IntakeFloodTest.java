package dev.ciorchestrator.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ciorchestrator.e2e.ServiceApi;
import dev.ciorchestrator.forge.github.webhook.Payloads;
import dev.ciorchestrator.forge.webhook.WebhookSignature;
import dev.ciorchestrator.testing.RawHttp;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Issue 11's flood, with real sockets: 200 connections (and more, as an attacker keeps going) send
 * the head of a delivery and stall. They cost no thread, everything else is still answered at once,
 * readiness notices, and each of them gets a JSON answer (503 at once past the gate, 408 at its
 * deadline), none a 500.
 */
@QuarkusTest
@TestProfile(IntakeProfile.class)
class IntakeFloodTest {
  static final int STALLED = 200;
  static final int MOST = 2_000;
  static final Duration HANG_GUARD = Duration.ofSeconds(30);
  static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  @TestHTTPResource("/")
  URI root;

  @Test
  void stalledBodiesCostNoThreadAndStopNothingElse() throws Exception {
    get("/q/health/live"); // the client's own threads exist before counting
    int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
    List<RawHttp> stalled = new CopyOnWriteArrayList<>();
    Thread flood = new Thread(() -> flood(stalled), "stalling-client");
    flood.start();
    try {
      until("the first stalled heads are sent", stalled::size, n -> n >= STALLED);
      assertThat(get("/q/health/live").statusCode()).isEqualTo(200);
      assertThat(get("/api/v1/reconcile").statusCode()).isEqualTo(200);
      HttpResponse<String> delivery = ping();
      assertThat(delivery.statusCode()).as(delivery.body()).isIn(200, 503);
      assertThat(delivery.body()).startsWith("{\"");
      until("readiness notices", this::intakeCheck, c -> c.path("status").asText().equals("DOWN"));
      assertThat(ManagementFactory.getThreadMXBean().getThreadCount() - threadsBefore)
          .as("threads added while %d bodies stall", stalled.size())
          .isLessThan(40);
      flood.interrupt();
      flood.join(HANG_GUARD.toMillis());

      Map<Integer, Integer> statuses = new TreeMap<>();
      for (RawHttp c : stalled) {
        RawHttp.Answer a = c.answer();
        statuses.merge(a.status(), 1, Integer::sum);
        assertThat(a.headers()).containsEntry("content-type", "application/json");
        assertThat(a.body()).startsWith("{\"error\":\"");
        if (a.status() == 503) {
          assertThat(a.headers()).containsEntry("retry-after", "1");
        }
      }
      assertThat(statuses.keySet()).as("statuses %s", statuses).containsOnly(408, 503);
      assertThat(statuses.get(408)).as("the gate's 8 slots, at least").isGreaterThanOrEqualTo(8);
    } finally {
      flood.interrupt();
      for (RawHttp c : stalled) {
        c.close();
      }
    }
    until("readiness is back", this::intakeCheck, c -> c.path("status").asText().equals("UP"));
    assertThat(ping().statusCode()).isEqualTo(200);
  }

  /**
   * An attacker's loop: a new stalled head every few milliseconds, as slots free up when the
   * earlier ones time out; bounded in count, and stopped by the test.
   */
  private void flood(List<RawHttp> stalled) {
    try {
      for (int i = 0; i < MOST && !Thread.currentThread().isInterrupted(); i++) {
        stalled.add(
            RawHttp.connect(root.getPort(), 15_000)
                .head(
                    "POST /hooks/github HTTP/1.1",
                    "X-GitHub-Event: push",
                    "X-GitHub-Delivery: stalled-" + i,
                    "X-Hub-Signature-256: sha256=" + "ab".repeat(32),
                    "Content-Type: application/json",
                    "Content-Length: 60000"));
        Thread.sleep(i < STALLED ? 0 : 5);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      throw new IllegalStateException("the stalling client failed", e);
    }
  }

  private static <T> void until(String what, Callable<T> read, Predicate<T> done)
      throws InterruptedException {
    ServiceApi.until(
        what,
        () -> {
          try {
            return read.call();
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        },
        done,
        String::valueOf);
  }

  /** The intake's entry of {@code /q/health/ready} (the config check is DOWN here: no config). */
  private JsonNode intakeCheck() throws Exception {
    for (JsonNode check :
        new ObjectMapper().readTree(get("/q/health/ready").body()).path("checks")) {
      if (check.path("name").asText().equals("intake")) {
        return check;
      }
    }
    throw new AssertionError("no intake check in readiness");
  }

  private HttpResponse<String> ping() throws Exception {
    byte[] body = Payloads.bytes("ping");
    return HTTP.send(
        HttpRequest.newBuilder(root.resolve("/hooks/github"))
            .timeout(Duration.ofSeconds(5))
            .header("Content-Type", "application/json")
            .header("X-GitHub-Event", "ping")
            .header("X-GitHub-Delivery", UUID.randomUUID().toString())
            .header("X-Hub-Signature-256", WebhookSignature.sign(IntakeProfile.SECRET, body))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(root.resolve(path)).timeout(Duration.ofSeconds(5)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
