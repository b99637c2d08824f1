package dev.ciorchestrator.upload;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;

/**
 * The sidecar's HTTP side: sends a file in chunks small enough for the controller's request intake
 * (it reads every body in memory, under {@code ci.intake.max-body-size}, 1M by default). A busy or
 * restarting controller (a connection refused, reset or cut off, 429, 502, 503, 504: a follower
 * replica answers 503) is asked again with backoff until {@code until}; any other refusal ends the
 * upload with the controller's answer.
 */
final class UploadClient {
  static final int CHUNK = 256 * 1024;
  private static final Set<Integer> AGAIN = Set.of(429, 502, 503, 504);

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();
  private final String base;
  private final String runId;
  private final String token;
  private final Instant until;
  private final Clock clock;

  UploadClient(String base, String runId, String token, Instant until, Clock clock) {
    this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    this.runId = runId;
    this.token = token;
    this.until = until;
    this.clock = clock;
  }

  /** Sends {@code file} as the workspace file {@code path}, or as the log when it is null. */
  void send(String path, Path file) throws IOException, InterruptedException {
    String target =
        path == null
            ? "log?"
            : "file?path=" + URLEncoder.encode(path, StandardCharsets.UTF_8) + "&";
    byte[] buf = new byte[CHUNK];
    long offset = 0;
    try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
      do {
        int n = in.readNBytes(buf, 0, CHUNK);
        put(target + "offset=" + offset, Arrays.copyOf(buf, n));
        offset += n;
        if (n < CHUNK) {
          break;
        }
      } while (true);
    }
  }

  /** The controller's 413: the run's upload is over its quota, the job's own doing. */
  static final class TooLarge extends IOException {
    private static final long serialVersionUID = 1L;

    TooLarge(String answer) {
      super(answer);
    }
  }

  void done(StagedRun.Done done) throws IOException, InterruptedException {
    String body = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(done);
    send("done", "POST", body.getBytes(StandardCharsets.UTF_8), "application/json");
  }

  private void put(String target, byte[] body) throws IOException, InterruptedException {
    send(target, "PUT", body, "application/octet-stream");
  }

  private void send(String target, String method, byte[] body, String type)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(base + "/api/v1/runs/" + runId + "/upload/" + target))
            .timeout(Duration.ofSeconds(60))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", type)
            .method(method, HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    long wait = 500;
    while (true) {
      String problem;
      HttpResponse<String> answer = null;
      try {
        answer = http.send(request, HttpResponse.BodyHandlers.ofString());
        problem = "HTTP " + answer.statusCode() + ": " + answer.body();
      } catch (IOException e) {
        // refused, reset or cut off mid-answer (a leader going away in a failover): every request
        // may be made again (a chunk names its offset, done may be said twice), so it is
        problem = e.toString();
      }
      if (answer != null && answer.statusCode() / 100 == 2) {
        return;
      }
      if (answer != null && answer.statusCode() == 413) {
        throw new TooLarge(answer.body());
      }
      if (answer != null && !AGAIN.contains(answer.statusCode())) {
        throw new IOException("the controller refused " + method + " " + target + ": " + problem);
      }
      if (clock.instant().plusMillis(wait).isAfter(until)) {
        throw new IOException(
            "gave up on " + method + " " + target + " at the deadline: " + problem);
      }
      Thread.sleep(wait);
      wait = Math.min(wait * 2, 10_000);
    }
  }
}
