package dev.ciorchestrator.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sidecar's HTTP side across a leader going away: a connection cut before the answer is asked
 * again (the chunk names its offset, so the same request is harmless), a refusal is not.
 */
class UploadClientTest {
  @TempDir Path tmp;
  final List<String> requests = new CopyOnWriteArrayList<>();
  final AtomicInteger cut = new AtomicInteger();
  volatile int status = 204;
  HttpServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  UploadClient client() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.start();
    return new UploadClient(
        "http://127.0.0.1:" + server.getAddress().getPort(),
        "r-1",
        "token",
        Instant.now().plusSeconds(60),
        Clock.systemUTC());
  }

  private void handle(HttpExchange exchange) throws IOException {
    exchange.getRequestBody().readAllBytes();
    requests.add(exchange.getRequestURI().toString());
    if (cut.getAndDecrement() > 0) {
      exchange.close(); // the replica went away before it answered
      return;
    }
    exchange.sendResponseHeaders(status, -1);
    exchange.close();
  }

  @Test
  void aConnectionCutBeforeTheAnswerIsAskedAgainAtTheSameOffset() throws Exception {
    UploadClient client = client();
    Path file = Files.writeString(tmp.resolve("f"), "content");
    cut.set(1);

    client.send("bin/f", file);

    assertThat(requests)
        .containsExactly(
            "/api/v1/runs/r-1/upload/file?path=bin%2Ff&offset=0",
            "/api/v1/runs/r-1/upload/file?path=bin%2Ff&offset=0");
  }

  @Test
  void aRefusalIsNotAskedAgain() throws Exception {
    UploadClient client = client();
    status = 400;

    assertThatThrownBy(() -> client.done(new StagedRun.Done(0, "")))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("the controller refused POST done: HTTP 400");
    assertThat(requests).hasSize(1);
  }
}
