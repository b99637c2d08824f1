package dev.ciorchestrator.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Calls the running service's REST API for the command line, as the user whose token it holds.
 * Answers are JSON either way: the resource on success, {@code {error, field}} on a refusal.
 */
final class ServiceClient {
  /** A call that got no usable answer; the message is for the user. */
  static final class CallException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int status;

    /** No answer at all: unreachable, or the call broke off. */
    CallException(String message) {
      this(message, 0);
    }

    CallException(String message, int status) {
      super(message, null, false, false);
      this.status = status;
    }

    /** The HTTP status of the refusal; 0 when there was no answer. */
    int status() {
      return status;
    }
  }

  /** The service's answer: HTTP status, parsed body and headers. */
  record Answer(int status, JsonNode body, HttpHeaders headers) {
    boolean ok() {
      return status / 100 == 2;
    }

    /** What the service said when it refused: its {@code error}, else the status. */
    String refusal() {
      JsonNode error = body == null ? null : body.get("error");
      return "HTTP " + status + (error == null ? "" : ": " + error.asText());
    }
  }

  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private static final int REFUSAL_BYTES = 4096;

  /** The most of a JSON answer read: a page of runs or a manifest is far smaller. */
  static final int MAX_ANSWER = 32 * 1024 * 1024;

  private final String server;
  private final String token;
  private final String hint;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /**
   * @param token sent on every call as {@code Authorization: Bearer}; null sends none (reads of a
   *     service whose reads are open)
   */
  ServiceClient(String server, String token) {
    this(
        server,
        token,
        "is the service running? (ci-orchestrator serve) If it runs elsewhere, give its"
            + " address with --server URL or CI_ORCHESTRATOR_SERVER");
  }

  /**
   * @param hint what the user can do when the server cannot be reached
   */
  ServiceClient(String server, String token, String hint) {
    this.server = server.endsWith("/") ? server.substring(0, server.length() - 1) : server;
    this.token = token;
    this.hint = hint;
  }

  /** The server's address, as the user gave it. */
  String server() {
    return server;
  }

  /** {@code body} is sent as JSON when not null. */
  Answer call(String method, String path, JsonNode body) throws CallException {
    HttpRequest.Builder request = request(path);
    if (body == null) {
      request.method(method, BodyPublishers.noBody());
    } else {
      request
          .header("Content-Type", "application/json")
          .method(method, BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
    }
    return exchange(
        () -> {
          var response = http.send(request.build(), BodyHandlers.ofInputStream());
          byte[] text;
          try (InputStream in = response.body()) {
            text = in.readNBytes(MAX_ANSWER + 1);
          }
          if (text.length > MAX_ANSWER) {
            throw new CallException(
                "%s %s%s: the answer is larger than %d bytes; not read"
                    .formatted(method, server, path, MAX_ANSWER),
                response.statusCode());
          }
          return new Answer(
              response.statusCode(),
              new String(text, StandardCharsets.UTF_8).isBlank()
                  ? JSON.nullNode()
                  : JSON.readTree(text),
              response.headers());
        });
  }

  /**
   * The body of {@code GET path} as a stream, for downloads that are not read whole; the caller
   * closes it. A refusal is the service's {@code error}, read no further than a few KiB.
   */
  InputStream download(String path) throws CallException {
    return exchange(
        () -> {
          HttpResponse<InputStream> response =
              http.send(request(path).GET().build(), BodyHandlers.ofInputStream());
          if (response.statusCode() / 100 == 2) {
            return response.body();
          }
          throw new CallException(
              "GET " + server + path + ": " + refusal(response), response.statusCode());
        });
  }

  /** What the service said when it refused a download, read no further than a few KiB. */
  private static String refusal(HttpResponse<InputStream> response) throws IOException {
    byte[] head;
    try (InputStream in = response.body()) {
      head = in.readNBytes(REFUSAL_BYTES);
    }
    JsonNode body;
    try {
      body = JSON.readTree(head);
    } catch (IOException e) {
      body = JSON.nullNode();
    }
    return new Answer(response.statusCode(), body, null).refusal();
  }

  private interface Exchange<T> {
    T run() throws IOException, InterruptedException, CallException;
  }

  /** One request and its answer, each way of getting none said for the user. */
  private <T> T exchange(Exchange<T> exchange) throws CallException {
    try {
      return exchange.run();
    } catch (ConnectException e) {
      throw unreachable();
    } catch (IOException e) {
      if (e.getCause() instanceof ConnectException) {
        throw unreachable();
      }
      throw new CallException("calling " + server + " failed: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CallException("interrupted");
    }
  }

  private HttpRequest.Builder request(String path) throws CallException {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return request;
  }

  private CallException unreachable() {
    return new CallException("cannot reach " + server + ": " + hint);
  }

  private URI uri(String path) throws CallException {
    try {
      return URI.create(server + path);
    } catch (IllegalArgumentException e) {
      throw new CallException("not a usable server URL: " + server);
    }
  }
}
