package dev.ciorchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The CLI's client reads a JSON answer up to a bound, never an answer of any size whole. */
class ServiceClientTest {
  HttpServer server;
  ServiceClient client;

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/small", x -> answer(x, "{\"id\":\"r1\"}".getBytes()));
    server.createContext(
        "/huge",
        x -> {
          byte[] spaces = new byte[ServiceClient.MAX_ANSWER + 1];
          Arrays.fill(spaces, (byte) ' ');
          answer(x, spaces);
        });
    server.start();
    client = new ServiceClient("http://127.0.0.1:" + server.getAddress().getPort(), null);
  }

  private static void answer(com.sun.net.httpserver.HttpExchange x, byte[] body) {
    try (x;
        OutputStream out = x.getResponseBody()) {
      x.getResponseHeaders().add("Content-Type", "application/json");
      x.sendResponseHeaders(200, body.length);
      out.write(body);
    } catch (java.io.IOException e) {
      // the client stopped reading: what the huge answer is for
    }
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void anAnswerWithinTheBoundIsRead() throws Exception {
    ServiceClient.Answer a = client.call("GET", "/small", null);

    assertThat(a.status()).isEqualTo(200);
    assertThat(a.body().path("id").asText()).isEqualTo("r1");
  }

  @Test
  void anAnswerOverTheBoundIsRefusedSayingSo() {
    assertThatThrownBy(() -> client.call("GET", "/huge", null))
        .isInstanceOf(ServiceClient.CallException.class)
        .hasMessageContaining("/huge: the answer is larger than " + ServiceClient.MAX_ANSWER)
        .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(300));
  }
}
