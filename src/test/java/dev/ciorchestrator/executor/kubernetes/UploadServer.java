package dev.ciorchestrator.executor.kubernetes;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ciorchestrator.upload.StagedRun;
import dev.ciorchestrator.upload.UploadRefused;
import dev.ciorchestrator.upload.Uploads;
import dev.ciorchestrator.upload.UpstreamReads;
import dev.ciorchestrator.web.RunUpstreamResource;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The pods' API on a loopback socket for executor tests without the service: the same {@link
 * Uploads} and {@link UpstreamReads} the service's resources call, behind the JDK's HTTP server,
 * the upstream reads answered with the resource's own JSON view (the resources themselves are
 * tested in the service, {@code web.RunUploadResourceTest}, {@code web.RunUpstreamResourceTest}).
 * Answers are recorded. With several replicas it is their Service: requests go to each in turn, and
 * a refusal to store (a replica that does not lead) is a 503, as the resource answers it, which the
 * sidecar retries.
 */
final class UploadServer implements AutoCloseable {
  private static final Pattern PATH =
      Pattern.compile("/api/v1/runs/([^/]+)/upload/(file|log|done)");
  private static final Pattern UPSTREAM =
      Pattern.compile("/api/v1/runs/([^/]+)/upstream(?:/(sha256:[0-9a-f]{64}))?");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Told of each answer before it is sent: the replica's index, the status and the request. */
  interface Answered {
    void answered(int replica, int status, String request);
  }

  final List<String> answers = new CopyOnWriteArrayList<>();
  private final HttpServer server;
  private final List<Uploads> replicas;
  private final Answered answered;
  private final AtomicInteger next = new AtomicInteger();
  private final UpstreamReads reads;

  UploadServer(Uploads uploads) throws IOException {
    this(List.of(uploads), (replica, status, request) -> {}, null);
  }

  /** One replica that also serves the pods' upstream reads. */
  UploadServer(Uploads uploads, UpstreamReads reads) throws IOException {
    this(List.of(uploads), (replica, status, request) -> {}, reads);
  }

  /** Several replicas, the leader of them serving the pods' upstream reads. */
  UploadServer(List<Uploads> replicas, UpstreamReads reads) throws IOException {
    this(replicas, (replica, status, request) -> {}, reads);
  }

  UploadServer(List<Uploads> replicas, Answered answered) throws IOException {
    this(replicas, answered, null);
  }

  private UploadServer(List<Uploads> replicas, Answered answered, UpstreamReads reads)
      throws IOException {
    this.replicas = List.copyOf(replicas);
    this.answered = answered;
    this.reads = reads;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      Matcher up = UPSTREAM.matcher(exchange.getRequestURI().getPath());
      if (reads != null && exchange.getRequestMethod().equals("GET") && up.matches()) {
        upstream(exchange, up.group(1), up.group(2));
        return;
      }
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
        refuse(exchange, replica, e);
      } catch (IOException e) {
        answer(exchange, replica, 503, error("cannot store the upload: " + e.getMessage()));
      }
    }
  }

  private void upstream(HttpExchange exchange, String runId, String digest) throws IOException {
    String auth = exchange.getRequestHeaders().getFirst("Authorization");
    try {
      if (digest == null) {
        answer(
            exchange,
            0,
            200,
            JSON.writeValueAsString(
                RunUpstreamResource.UpstreamsView.of(runId, reads.upstreams(runId, auth))));
        return;
      }
      Path blob = reads.blob(runId, auth, digest);
      answered.answered(0, 200, exchange.getRequestURI().toString());
      answers.add("200 " + exchange.getRequestURI());
      exchange.getResponseHeaders().add("Content-Type", "application/octet-stream");
      exchange.sendResponseHeaders(200, Files.size(blob) == 0 ? -1 : Files.size(blob));
      Files.copy(blob, exchange.getResponseBody());
    } catch (UploadRefused e) {
      refuse(exchange, 0, e);
    }
  }

  private void refuse(HttpExchange exchange, int replica, UploadRefused e) throws IOException {
    answer(
        exchange,
        replica,
        e.status(),
        JSON.writeValueAsString(Map.of("error", e.getMessage(), "field", e.field())));
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
