package dev.ciorchestrator.executor.kubernetes;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ciorchestrator.upload.StagedRun;
import dev.ciorchestrator.upload.UploadRefused;
import dev.ciorchestrator.upload.Uploads;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The upload API on a loopback socket for executor tests without the service: the same {@link
 * Uploads} the service's resource calls, behind the JDK's HTTP server (the resource itself is
 * tested in the service, {@code web.RunUploadResourceTest}). Answers are recorded. With several
 * replicas it is their Service: requests go to each in turn, and a refusal to store (a replica that
 * does not lead) is a 503, as the resource answers it, which the sidecar retries.
 */
final class UploadServer implements AutoCloseable {
  private static final Pattern PATH =
      Pattern.compile("/api/v1/runs/([^/]+)/upload/(file|log|done)");

  /** Told of each answer before it is sent: the replica's index, the status and the request. */
  interface Answered {
    void answered(int replica, int status, String request);
  }

  final List<String> answers = new CopyOnWriteArrayList<>();
  private final HttpServer server;
  private final List<Uploads> replicas;
  private final Answered answered;
  private final AtomicInteger next = new AtomicInteger();

  UploadServer(Uploads uploads) throws IOException {
    this(List.of(uploads), (replica, status, request) -> {});
  }

  UploadServer(List<Uploads> replicas, Answered answered) throws IOException {
    this.replicas = List.copyOf(replicas);
    this.answered = answered;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      Matcher m = PATH.matcher(exchange.getRequestURI().getPath());
      if (!m.matches()) {
        answer(exchange, -1, 404, "{}");
        return;
      }
      Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
      String auth = exchange.getRequestHeaders().getFirst("Authorization");
      byte[] body = exchange.getRequestBody().readAllBytes();
      int replica = Math.floorMod(next.getAndIncrement(), replicas.size());
      Uploads uploads = replicas.get(replica);
      try {
        if (m.group(2).equals("done")) {
          uploads.done(m.group(1), auth, new ObjectMapper().readValue(body, StagedRun.Done.class));
        } else {
          String path = m.group(2).equals("log") ? null : query.get("path");
          long offset = Long.parseLong(query.getOrDefault("offset", "0"));
          uploads.chunk(m.group(1), auth, path, offset, body);
        }
        answer(exchange, replica, 204, null);
      } catch (UploadRefused e) {
        answer(
            exchange,
            replica,
            e.status(),
            new ObjectMapper()
                .writeValueAsString(Map.of("error", e.getMessage(), "field", e.field())));
      } catch (IOException e) {
        answer(exchange, replica, 503, error("cannot store the upload: " + e.getMessage()));
      }
    }
  }

  private static String error(String message) throws IOException {
    return new ObjectMapper().writeValueAsString(Map.of("error", message, "field", ""));
  }

  private void answer(HttpExchange exchange, int replica, int status, String json)
      throws IOException {
    answered.answered(replica, status, exchange.getRequestURI().toString());
    answers.add(status + " " + exchange.getRequestURI() + (json == null ? "" : " " + json));
    if (json == null) {
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> out = new HashMap<>();
    if (raw != null) {
      for (String pair : raw.split("&")) {
        int eq = pair.indexOf('=');
        out.put(
            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return out;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
