package dev.ciorchestrator.callback;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.IntPredicate;
import java.util.function.IntUnaryOperator;

/**
 * A callback receiver on loopback (the JDK's HTTP server): records each request and answers with
 * the status {@code answers} gives for its index (0-based). While {@link #hold} is set, each
 * request waits for {@link #release} before answering.
 */
final class Receiver implements AutoCloseable {
  record Request(Map<String, String> headers, byte[] body) {
    String header(String name) {
      return headers.get(name.toLowerCase(java.util.Locale.ROOT));
    }
  }

  private static final Duration PATIENCE = Duration.ofSeconds(30);

  private final HttpServer server;
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private volatile IntUnaryOperator answers = i -> 200;
  private volatile CountDownLatch hold = new CountDownLatch(0);
  private volatile IntPredicate held = i -> true;
  private final List<Integer> answered = new CopyOnWriteArrayList<>();

  Receiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext(
        "/hook",
        exchange -> {
          Map<String, String> headers = new java.util.HashMap<>();
          exchange
              .getRequestHeaders()
              .forEach(
                  (k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), String.join(",", v)));
          byte[] body;
          try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
          }
          int index = requests.size();
          requests.add(new Request(headers, body));
          try {
            if (held.test(index)) {
              hold.await(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          int status = answers.applyAsInt(index);
          // noted before it is sent: a test that saw the sender act on it sees it here too
          answered.add(status);
          exchange.sendResponseHeaders(status, -1);
          exchange.close();
        });
    server.start();
  }

  URI url() {
    return URI.create(
        "http://127.0.0.1:" + server.getAddress().getPort() + "/hook?token=path-secret");
  }

  Receiver answering(IntUnaryOperator answers) {
    this.answers = answers;
    return this;
  }

  void hold() {
    hold = new CountDownLatch(1);
  }

  /** Holds only the requests {@code which} picks (by index); the others answer at once. */
  void holdOnly(IntPredicate which) {
    held = which;
    hold();
  }

  void release() {
    hold.countDown();
  }

  List<Request> requests() {
    return List.copyOf(requests);
  }

  List<Integer> answered() {
    return List.copyOf(answered);
  }

  /** Polls until {@code done}; the patience only guards against a hang. */
  static void await(String what, BooleanSupplier done) throws InterruptedException {
    Instant deadline = Instant.now().plus(PATIENCE);
    while (!done.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("not reached: " + what);
      }
      Thread.sleep(5);
    }
  }

  @Override
  public void close() {
    release();
    server.stop(0);
  }
}
