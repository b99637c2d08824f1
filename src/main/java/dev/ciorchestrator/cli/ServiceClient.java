package dev.ciorchestrator.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
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

    CallException(String message) {
      super(message, null, false, false);
    }
  }

  /** The service's answer: HTTP status and parsed body. */
  record Answer(int status, JsonNode body) {
    boolean ok() {
      return status / 100 == 2;
    }
  }

  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final String server;
  private final String token;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /**
   * @param token sent on every call as {@code Authorization: Bearer}; null sends none (reads of a
   *     service whose reads are open)
   */
  ServiceClient(String server, String token) {
    this.server = server.endsWith("/") ? server.substring(0, server.length() - 1) : server;
    this.token = token;
  }

  /** {@code body} is sent as JSON when not null. */
  Answer call(String method, String path, JsonNode body) throws CallException {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    if (body == null) {
      request.method(method, BodyPublishers.noBody());
    } else {
      request
          .header("Content-Type", "application/json")
          .method(method, BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
    }
    try {
      var response = http.send(request.build(), BodyHandlers.ofString(StandardCharsets.UTF_8));
      String text = response.body();
      return new Answer(
          response.statusCode(), text.isBlank() ? JSON.nullNode() : JSON.readTree(text));
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

  private CallException unreachable() {
    return new CallException(
        "cannot reach "
            + server
            + ": is the service running? (ci-orchestrator serve) If it runs elsewhere, give its"
            + " address with --server URL or CI_ORCHESTRATOR_SERVER");
  }

  private URI uri(String path) throws CallException {
    try {
      return URI.create(server + path);
    } catch (IllegalArgumentException e) {
      throw new CallException("not a usable server URL: " + server);
    }
  }
}
