package dev.ciorchestrator.bench;

import com.sun.net.httpserver.HttpServer;
import dev.ciorchestrator.callback.Backoff;
import dev.ciorchestrator.callback.CallbackDispatcher;
import dev.ciorchestrator.callback.CallbackMetrics;
import dev.ciorchestrator.callback.Delivery;
import dev.ciorchestrator.callback.HttpSender;
import dev.ciorchestrator.callback.Reports;
import dev.ciorchestrator.callback.Signature;
import dev.ciorchestrator.domain.RunKey;
import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.domain.RunState;
import dev.ciorchestrator.domain.Trigger;
import dev.ciorchestrator.report.RunLinks;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Callback cost: rendering and signing a run report, and delivering a burst of reports to a
 * receiver on loopback through the dispatcher (two workers, as by default). Run with {@code
 * .ci/bench CallbackBench}.
 */
public final class CallbackBench {
  private static final int BODIES = 10_000;
  private static final int BURST = 2_000;

  private CallbackBench() {}

  public static void main(String[] args) throws Exception {
    Instant t0 = Instant.parse("2026-03-01T10:00:00Z");
    RunRecord run =
        new RunRecord(
                RunKey.forChange("acme/app", 12, "a".repeat(40), "build", 1),
                RunState.PENDING,
                Trigger.PULL_REQUEST,
                "alice",
                "",
                "b".repeat(40),
                "c".repeat(40),
                t0,
                null,
                null,
                "")
            .withState(RunState.RUNNING, t0.plusSeconds(1), "")
            .withState(RunState.SUCCESS, t0.plusSeconds(60), "");
    Map<String, Object> payload = Reports.run(run, new RunLinks("https://ci.example"));
    Delivery template =
        new Delivery(
            "d", "run", URI.create("http://127.0.0.1/"), "secret", payload, Map.of(), 0, t0);

    System.out.println("| benchmark | first (ms) | median (ms) | best (ms) | rounds | goal |");
    System.out.println("|---|---|---|---|---|---|");
    System.out.println(
        Stopwatch.time(
                "render and sign 10,000 run reports",
                15,
                () -> {
                  int n = 0;
                  for (int i = 0; i < BODIES; i++) {
                    byte[] body = CallbackDispatcher.body(template, t0.plusMillis(i));
                    n += Signature.of("secret", body).length();
                  }
                  return n;
                })
            .line("none (the loop only queues)"));

    AtomicInteger answered = new AtomicInteger();
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.createContext(
        "/",
        exchange -> {
          try (InputStream in = exchange.getRequestBody()) {
            in.readAllBytes();
          }
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
          answered.incrementAndGet();
        });
    server.start();
    URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
    AtomicInteger delivered = new AtomicInteger();
    CallbackMetrics counting =
        new CallbackMetrics() {
          @Override
          public void delivered(String event, Duration took) {
            delivered.incrementAndGet();
          }
        };
    try (CallbackDispatcher dispatcher =
        new CallbackDispatcher(
            new HttpSender(Duration.ofSeconds(10)),
            Clock.systemUTC(),
            counting,
            new Backoff(Duration.ofMillis(10), Duration.ofSeconds(1)),
            6,
            BURST,
            2)) {
      System.out.println(
          Stopwatch.time(
                  "deliver a burst of 2,000 run reports to a loopback receiver (2 workers)",
                  5,
                  () -> {
                    delivered.set(0);
                    for (int i = 0; i < BURST; i++) {
                      dispatcher.submit(
                          new Delivery(
                              "d" + i, "run", url, "secret", payload, Map.of(), 0, Instant.now()));
                    }
                    while (delivered.get() < BURST) {
                      Thread.sleep(1);
                    }
                    return delivered.get();
                  })
              .line("none"));
    } finally {
      server.stop(0);
    }
  }
}
