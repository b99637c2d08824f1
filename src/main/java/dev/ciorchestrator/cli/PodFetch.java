package dev.ciorchestrator.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ciorchestrator.artifact.Inbox;
import dev.ciorchestrator.artifact.Manifest;
import dev.ciorchestrator.cli.ServiceClient.Answer;
import dev.ciorchestrator.cli.ServiceClient.CallException;
import dev.ciorchestrator.executor.RunArtifacts;
import dev.ciorchestrator.upload.PodEnv;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code pod fetch}: the init container of a Kubernetes run whose job {@code needs} others. With
 * the run's own token it asks the controller for the run's upstream artifacts ({@code GET
 * /api/v1/runs/{id}/upstream}: the controller decides which runs) and downloads each file ({@code
 * …/upstream/sha256:<hex>}) into the folder the job's {@code $CI_ARTIFACTS} names, through {@link
 * Inbox}, as a local run receives them. A busy or follower controller (no answer, 429, 502, 503,
 * 504) is asked again with backoff until the run's deadline; anything else fails the container, and
 * so the run, before the job starts.
 */
final class PodFetch {
  private static final Set<Integer> AGAIN = Set.of(0, 429, 502, 503, 504);

  private interface Call<T> {
    T send() throws CallException;
  }

  private final ServiceClient client;
  private final String runId;
  private final Path into;
  private final Instant until;
  private final Clock clock;

  PodFetch(ServiceClient client, String runId, Path into, Instant until, Clock clock) {
    this.client = client;
    this.runId = runId;
    this.into = into;
    this.until = until;
    this.clock = clock;
  }

  /** The fetch of this environment ({@code CI_UPLOAD_URL}, _RUN, _TOKEN, _WAIT, CI_FETCH_INTO). */
  static PodFetch of(Map<String, String> env, Clock clock) throws IOException {
    Instant until = PodEnv.deadline(env, clock);
    String url = PodEnv.need(env, PodEnv.URL);
    return new PodFetch(
        new ServiceClient(url, PodEnv.need(env, PodEnv.TOKEN), "is upload-url right?"),
        PodEnv.need(env, PodEnv.RUN),
        Path.of(PodEnv.need(env, PodEnv.FETCH_INTO)),
        until,
        clock);
  }

  List<RunArtifacts.Received> run() throws IOException, InterruptedException {
    String base = "/api/v1/runs/" + runId + "/upstream";
    Answer answer;
    try {
      answer = again(() -> listed(client.call("GET", base, null)));
    } catch (CallException e) {
      throw new IOException(e.getMessage());
    }
    List<RunArtifacts.Received> received = new ArrayList<>();
    for (JsonNode up : answer.body().path("upstreams")) {
      String job = up.path("job").asText();
      String upstreamRun = up.path("runId").asText();
      List<Manifest.Entry> files =
          ManifestJson.entries(
              up.get("files"), "the manifest of run " + upstreamRun + " at " + client.server());
      received.addAll(
          Inbox.fill(into, job, upstreamRun, files, e -> download(base + "/" + e.digest(), e)));
    }
    return List.copyOf(received);
  }

  private InputStream download(String path, Manifest.Entry e) throws IOException {
    try {
      return again(() -> client.download(path));
    } catch (CallException x) {
      throw new IOException("artifacts: " + e.path() + ": " + x.getMessage());
    } catch (InterruptedException x) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted");
    }
  }

  private Answer listed(Answer answer) throws CallException {
    if (!answer.ok() || !answer.body().path("upstreams").isArray()) {
      throw new CallException(
          "the controller at "
              + client.server()
              + " refused the list of upstream artifacts: "
              + answer.refusal(),
          answer.status());
    }
    return answer;
  }

  private <T> T again(Call<T> call) throws CallException, InterruptedException {
    long wait = 500;
    while (true) {
      try {
        return call.send();
      } catch (CallException e) {
        if (!AGAIN.contains(e.status()) || clock.instant().plusMillis(wait).isAfter(until)) {
          throw e;
        }
      }
      Thread.sleep(wait);
      wait = Math.min(wait * 2, 10_000);
    }
  }
}
