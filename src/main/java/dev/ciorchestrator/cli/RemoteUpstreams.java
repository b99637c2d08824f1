package dev.ciorchestrator.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ciorchestrator.artifact.ArtifactException;
import dev.ciorchestrator.artifact.Inbox;
import dev.ciorchestrator.artifact.Manifest;
import dev.ciorchestrator.cli.ServiceClient.Answer;
import dev.ciorchestrator.cli.ServiceClient.CallException;
import dev.ciorchestrator.domain.RunKey;
import dev.ciorchestrator.executor.RunArtifacts;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * {@code run <job> --artifacts-from <service>}: the artifacts of the jobs {@code <job>} needs,
 * taken from a running service instead of running them here. For each, the newest successful run on
 * the same repository, change and head SHA ({@code GET /api/v1/runs}, newest first, paged by its
 * cursor), its manifest ({@code GET /api/v1/runs/{id}/artifacts}) and each file by digest ({@code
 * GET /api/v1/artifacts/sha256:<hex>}), through {@link Inbox} as a local run receives them.
 */
final class RemoteUpstreams {
  private static final int PAGE = 200;
  private static final int MAX_PAGES = 50; // 10,000 successful runs of one job: a hang guard
  private static final int SHOWN = 5;

  /** Nothing usable came: the message names the job, the run, the file or the URL. */
  static final class Failed extends Exception {
    private static final long serialVersionUID = 1L;

    Failed(String message) {
      super(message, null, false, false);
    }
  }

  private final ServiceClient client;
  private final Predicate<String> collects;

  /**
   * @param collects whether a job declares {@code artifacts} in the config given to {@code run}: a
   *     run of it whose manifest the service does not have fails, rather than hand over nothing
   */
  RemoteUpstreams(ServiceClient client, Predicate<String> collects) {
    this.client = client;
    this.collects = collects;
  }

  /** Puts the artifacts of {@code needs} under {@code <workspace>/.ci-artifacts/<job>/}. */
  List<RunArtifacts.Received> handOver(RunKey key, List<String> needs, Path workspace)
      throws Failed {
    List<RunArtifacts.Received> received = new ArrayList<>();
    try {
      for (String job : needs) {
        String runId = upstream(key, job);
        received.addAll(
            Inbox.fill(
                workspace.resolve(RunArtifacts.INBOX),
                job,
                runId,
                manifest(job, runId),
                this::download));
      }
    } catch (CallException e) {
      throw new Failed(e.getMessage());
    } catch (IOException e) {
      throw new Failed(e.getMessage());
    }
    return List.copyOf(received);
  }

  private InputStream download(Manifest.Entry e) throws IOException {
    try {
      return client.download("/api/v1/artifacts/" + e.digest());
    } catch (CallException x) {
      throw new IOException("artifacts: " + e.path() + ": " + x.getMessage());
    }
  }

  private String upstream(RunKey key, String job) throws CallException, Failed {
    String query =
        "/api/v1/runs?repo=" + encode(key.repo()) + "&job=" + encode(job) + "&state=success";
    String before = "";
    for (int page = 0; page < MAX_PAGES; page++) {
      Answer answer = get(query + "&limit=" + PAGE + before);
      for (JsonNode run : answer.body()) {
        if (run.path("headSha").asText().equals(key.sha())
            && run.path("change").asLong() == key.change()) {
          return run.path("id").asText(); // newest first: the latest success on this head
        }
      }
      Optional<String> next = answer.headers().firstValue("X-Next-Before");
      if (next.isEmpty()) {
        throw new Failed(noRun(key, job));
      }
      before = "&before=" + encode(next.get());
    }
    throw new Failed(noRun(key, job) + " among its newest " + PAGE * MAX_PAGES + " successes");
  }

  private List<Manifest.Entry> manifest(String job, String runId)
      throws CallException, ArtifactException {
    Answer answer = client.call("GET", "/api/v1/runs/" + runId + "/artifacts", null);
    if (answer.status() == 404 && !collects.test(job)) {
      return List.of(); // the run collected nothing: an empty folder says so
    }
    if (answer.status() == 404) {
      throw new ArtifactException(
          "artifacts: %s declares artifacts, but %s has none of its run %s: %s"
              .formatted(job, client.server(), runId, answer.refusal()));
    }
    if (!answer.ok()) {
      throw new CallException(
          "the manifest of run " + runId + " at " + client.server() + ": " + answer.refusal());
    }
    return ManifestJson.entries(
        answer.body().get("files"), "the manifest of run " + runId + " at " + client.server());
  }

  /** No upstream run: which runs of the job the service has instead, newest first. */
  private String noRun(RunKey key, String job) throws CallException {
    Answer answer =
        get(
            "/api/v1/runs?repo=%s&job=%s&limit=%d"
                .formatted(encode(key.repo()), encode(job), SHOWN));
    List<String> runs = new ArrayList<>();
    for (JsonNode r : answer.body()) {
      runs.add(
          "%s (%s on %s%s)"
              .formatted(
                  r.path("id").asText(),
                  r.path("state").asText(),
                  abbrev(r.path("headSha").asText()),
                  r.path("change").asLong() > 0 ? ", change " + r.path("change").asLong() : ""));
    }
    return "%s has no successful run of %s on %s%s at %s; %s"
        .formatted(
            key.repo(),
            job,
            key.sha(),
            key.change() > 0 ? " (change " + key.change() + ")" : "",
            client.server(),
            runs.isEmpty()
                ? "it has no run of " + job + " at all"
                : "its newest runs of " + job + ": " + String.join(", ", runs));
  }

  private Answer get(String path) throws CallException {
    Answer answer = client.call("GET", path, null);
    if (!answer.ok() || !answer.body().isArray()) {
      throw new CallException(
          "GET " + client.server() + path + ": " + answer.refusal(), answer.status());
    }
    return answer;
  }

  private static String abbrev(String sha) {
    return sha.length() > 7 ? sha.substring(0, 7) : sha;
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
