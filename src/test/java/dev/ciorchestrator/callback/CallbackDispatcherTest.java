package dev.ciorchestrator.callback;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Delivery to a real HTTP receiver on loopback: signing, headers, retries, refusals, overflow. */
class CallbackDispatcherTest {
  private static final String SECRET = "s3cr3t-value";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Backoff FAST = new Backoff(Duration.ofMillis(1), Duration.ofMillis(20));

  private Receiver receiver;
  private final RecordingMetrics metrics = new RecordingMetrics();
  private CallbackDispatcher dispatcher;

  @BeforeEach
  void startReceiver() throws Exception {
    receiver = new Receiver();
  }

  @AfterEach
  void stop() {
    if (dispatcher != null) {
      dispatcher.close();
    }
    receiver.close();
  }

  private CallbackDispatcher dispatcher(Duration timeout, int attempts, int queue, int workers) {
    dispatcher =
        new CallbackDispatcher(
            new HttpSender(timeout), Clock.systemUTC(), metrics, FAST, attempts, queue, workers);
    return dispatcher;
  }

  private Delivery delivery(String id) {
    return new Delivery(
        id,
        "run",
        receiver.url(),
        SECRET,
        Map.of("run", Map.of("id", "r-" + id, "result", "success")),
        Reports.context("r-" + id, "acme/app", "build"),
        0,
        Instant.now());
  }

  @Test
  void aSignedReportWithItsHeadersReachesTheReceiver() throws Exception {
    dispatcher(Duration.ofSeconds(10), 3, 10, 1).submit(delivery("d-1"));
    Receiver.await("delivered", () -> metrics.count("delivered:run") == 1);

    Receiver.Request r = receiver.requests().get(0);
    assertThat(Signature.verify(SECRET, r.body(), r.header(Signature.HEADER)))
        .as("signature " + r.header(Signature.HEADER))
        .isTrue();
    assertThat(Signature.verify("another secret", r.body(), r.header(Signature.HEADER))).isFalse();
    assertThat(r.header(Signature.EVENT_HEADER)).isEqualTo("run");
    assertThat(r.header(Signature.DELIVERY_HEADER)).isEqualTo("d-1");
    assertThat(r.header("content-type")).isEqualTo("application/json");
    JsonNode body = JSON.readTree(r.body());
    assertThat(body.path("event").asText()).isEqualTo("run");
    assertThat(body.path("delivery").asText()).isEqualTo("d-1");
    assertThat(Instant.parse(body.path("sentAt").asText())).isNotNull();
    assertThat(body.at("/run/id").asText()).isEqualTo("r-d-1");
    assertThat(new String(r.body(), java.nio.charset.StandardCharsets.UTF_8))
        .doesNotContain(SECRET);
    assertThat(metrics.calls).containsExactly("delivered:run");
  }

  @Test
  void aServerErrorIsRetriedWithTheSameDeliveryIdAndANewSignature() throws Exception {
    receiver.answering(i -> i == 0 ? 500 : 204);
    dispatcher(Duration.ofSeconds(10), 3, 10, 1).submit(delivery("d-2"));
    Receiver.await("delivered", () -> metrics.count("delivered:run") == 1);

    List<Receiver.Request> seen = receiver.requests();
    assertThat(seen).hasSize(2);
    assertThat(seen).extracting(r -> r.header(Signature.DELIVERY_HEADER)).containsOnly("d-2");
    for (Receiver.Request r : seen) {
      assertThat(Signature.verify(SECRET, r.body(), r.header(Signature.HEADER))).isTrue();
    }
    assertThat(metrics.calls).containsExactly("retried:run", "delivered:run");
    assertThat(receiver.answered()).containsExactly(500, 204);
  }

  @Test
  void tooManyRequestsIsRetriedUntilTheAttemptsRunOut() throws Exception {
    receiver.answering(i -> 429);
    dispatcher(Duration.ofSeconds(10), 3, 10, 1).submit(delivery("d-3"));
    Receiver.await("given up", () -> metrics.count("failed:run") == 1);

    assertThat(receiver.requests()).hasSize(3);
    assertThat(metrics.calls).containsExactly("retried:run", "retried:run", "failed:run");
    assertThat(dispatcher.pending()).isZero();
  }

  @Test
  void aClientErrorIsNotRetried() throws Exception {
    receiver.answering(i -> 400);
    dispatcher(Duration.ofSeconds(10), 5, 10, 1).submit(delivery("d-4"));
    Receiver.await("given up", () -> metrics.count("failed:run") == 1);

    // failed is final: nothing is queued that could try again
    assertThat(dispatcher.pending()).isZero();
    assertThat(receiver.requests()).hasSize(1);
    assertThat(metrics.calls).containsExactly("failed:run");
  }

  @Test
  void aReceiverTooSlowToAnswerTimesOutAndIsRetried() throws Exception {
    receiver.holdOnly(i -> i == 0); // the first request hangs past the client's timeout
    dispatcher(Duration.ofMillis(300), 3, 10, 1).submit(delivery("d-5"));
    Receiver.await("delivered", () -> metrics.count("delivered:run") == 1);

    assertThat(receiver.requests()).hasSize(2);
    assertThat(metrics.calls).containsExactly("retried:run", "delivered:run");
  }

  @Test
  void submittingNeverWaitsForASlowReceiver() throws Exception {
    receiver.hold();
    CallbackDispatcher d = dispatcher(Duration.ofSeconds(30), 1, 10, 1);
    d.submit(delivery("slow-1"));
    Receiver.await("the receiver holds the first report", () -> receiver.requests().size() == 1);
    for (int i = 2; i <= 5; i++) {
      d.submit(delivery("slow-" + i));
    }
    // every submit returned while the receiver still holds its only worker
    assertThat(receiver.answered()).isEmpty();
    assertThat(d.pending()).isEqualTo(4);
    receiver.release();
    Receiver.await("all delivered", () -> metrics.count("delivered:run") == 5);
  }

  @Test
  void aFullQueueDropsItsOldestDeliveryAndCountsIt() throws Exception {
    receiver.hold();
    CallbackDispatcher d = dispatcher(Duration.ofSeconds(30), 1, 2, 1);
    d.submit(delivery("q-1"));
    Receiver.await("q-1 is in flight", () -> receiver.requests().size() == 1);
    d.submit(delivery("q-2"));
    d.submit(delivery("q-3"));
    d.submit(delivery("q-4")); // the queue holds two: q-2, the oldest, goes

    assertThat(metrics.calls).containsExactly("dropped:run");
    receiver.release();
    Receiver.await("the rest delivered", () -> metrics.count("delivered:run") == 3);
    assertThat(receiver.requests())
        .extracting(r -> r.header(Signature.DELIVERY_HEADER))
        .containsExactly("q-1", "q-3", "q-4");
  }

  @Test
  void noAnswerAtAllIsRetried() throws Exception {
    java.net.URI closed = receiver.url();
    receiver.close(); // nothing listens on that port any more
    dispatcher(Duration.ofSeconds(5), 2, 10, 1)
        .submit(new Delivery("gone", "gate", closed, SECRET, Map.of(), Map.of(), 0, Instant.now()));
    Receiver.await("given up", () -> metrics.count("failed:gate") == 1);
    assertThat(metrics.calls).containsExactly("retried:gate", "failed:gate");
  }
}
