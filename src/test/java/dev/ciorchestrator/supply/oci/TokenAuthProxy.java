package dev.ciorchestrator.supply.oci;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Distribution's token authentication in front of a real registry: {@code /v2/} answers {@code 401}
 * with a Bearer challenge unless the request carries the token, which {@code /token} gives for the
 * right basic credentials; authenticated requests are forwarded to the registry as they are.
 */
final class TokenAuthProxy implements AutoCloseable {
  static final String TOKEN = "t-0123456789";

  private final HttpServer server;
  private final URI registry;
  private final String basic;
  private final HttpClient http = HttpClient.newHttpClient();
  final List<String> seen = new CopyOnWriteArrayList<>();

  TokenAuthProxy(URI registry, String user, String password) throws IOException {
    this.registry = registry;
    this.basic =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/token", this::token);
    server.createContext("/v2/", this::forward);
    server.start();
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  private void token(HttpExchange ex) throws IOException {
    seen.add("token " + ex.getRequestURI().getQuery());
    boolean ok = basic.equals(ex.getRequestHeaders().getFirst("Authorization"));
    reply(
        ex,
        ok ? 200 : 401,
        ok ? ("{\"token\":\"" + TOKEN + "\"}").getBytes(StandardCharsets.UTF_8) : new byte[0]);
  }

  private void forward(HttpExchange ex) throws IOException {
    String path =
        ex.getRequestURI().getRawPath()
            + (ex.getRequestURI().getRawQuery() == null
                ? ""
                : "?" + ex.getRequestURI().getRawQuery());
    if (!("Bearer " + TOKEN).equals(ex.getRequestHeaders().getFirst("Authorization"))) {
      seen.add("challenged " + ex.getRequestMethod() + " " + ex.getRequestURI().getPath());
      ex.getResponseHeaders()
          .add(
              "WWW-Authenticate",
              "Bearer realm=\""
                  + url()
                  + "/token\",service=\"test\",scope=\"repository:demo/hello:pull,push\"");
      reply(ex, 401, new byte[0]);
      return;
    }
    seen.add("forwarded " + ex.getRequestMethod() + " " + ex.getRequestURI().getPath());
    byte[] body;
    try (InputStream in = ex.getRequestBody()) {
      body = in.readAllBytes();
    }
    HttpRequest.Builder out =
        HttpRequest.newBuilder(URI.create(registry + path))
            .method(
                ex.getRequestMethod(),
                body.length == 0
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    for (String h : List.of("Content-Type", "Accept")) {
      String v = ex.getRequestHeaders().getFirst(h);
      if (v != null) {
        out.header(h, v);
      }
    }
    HttpResponse<byte[]> r;
    try {
      r = http.send(out.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
    for (String h : List.of("Content-Type", "Docker-Content-Digest", "Location", "OCI-Subject")) {
      r.headers()
          .firstValue(h)
          .ifPresent(
              v ->
                  ex.getResponseHeaders().add(h, v.replace(registry.toString(), url().toString())));
    }
    reply(ex, r.statusCode(), ex.getRequestMethod().equals("HEAD") ? null : r.body());
  }

  private static void reply(HttpExchange ex, int status, byte[] body) throws IOException {
    if (body == null || body.length == 0) {
      ex.sendResponseHeaders(status, -1);
    } else {
      ex.sendResponseHeaders(status, body.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    }
    ex.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
