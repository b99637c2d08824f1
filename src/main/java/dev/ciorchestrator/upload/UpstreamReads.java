package dev.ciorchestrator.upload;

import dev.ciorchestrator.artifact.ArtifactException;
import dev.ciorchestrator.artifact.ArtifactStore;
import dev.ciorchestrator.artifact.Upstreams;
import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.run.RunStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The controller's side of a Kubernetes pod's {@code pod fetch}, behind {@code
 * /api/v1/runs/{id}/upstream}: with the upload token of run R (and only while R has not ended) it
 * serves the manifests and blobs of the upstream runs R's job needs on R's head, which the
 * controller picks with the same {@link Upstreams} lookup the local executors use. The pod names no
 * run and no job, so it cannot ask for anything else; a digest that is in none of those manifests
 * is refused.
 */
public final class UpstreamReads {
  private final RunStore runs;
  private final UploadTokens tokens;
  private final ArtifactStore store;
  private final Function<RunRecord, List<String>> needs;
  private final Predicate<String> collects;

  /**
   * @param needs the jobs a run's job needs, from the controller's config (never from the pod)
   * @param collects whether a job declares {@code artifacts}, from the same config ({@link
   *     Upstreams})
   */
  public UpstreamReads(
      RunStore runs,
      UploadTokens tokens,
      ArtifactStore store,
      Function<RunRecord, List<String>> needs,
      Predicate<String> collects) {
    this.runs = runs;
    this.tokens = tokens;
    this.store = store;
    this.needs = needs;
    this.collects = collects;
  }

  /** The upstream runs of {@code runId}, each with what it collected. */
  public List<Upstreams.Upstream> upstreams(String runId, String authorization)
      throws UploadRefused, IOException {
    RunRecord run = authorize(runId, authorization);
    try {
      return new Upstreams(store, runs, collects).find(run, needs.apply(run));
    } catch (ArtifactException e) {
      throw new UploadRefused(404, e.getMessage(), "id");
    }
  }

  /** The stored content of {@code digest}, if it is a file of one of {@code runId}'s upstreams. */
  public Path blob(String runId, String authorization, String digest)
      throws UploadRefused, IOException {
    boolean upstream =
        upstreams(runId, authorization).stream()
            .flatMap(u -> u.manifest().files().stream())
            .anyMatch(e -> e.digest().equals(digest));
    if (!upstream) {
      throw new UploadRefused(
          403, digest + " is not an artifact of a run that run " + runId + " needs", "digest");
    }
    Optional<Path> blob = store.blob(digest);
    return blob.orElseThrow(
        () ->
            new UploadRefused(404, "the content of " + digest + " is no longer stored", "digest"));
  }

  private static final Uploads.TokenUse READ =
      new Uploads.TokenUse(401, "run token", "its token no longer reads its upstream artifacts");

  private RunRecord authorize(String runId, String authorization)
      throws UploadRefused, IOException {
    return Uploads.authorize(runs, tokens, runId, authorization, READ);
  }
}
