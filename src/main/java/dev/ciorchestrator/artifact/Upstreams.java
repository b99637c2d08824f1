package dev.ciorchestrator.artifact;

import dev.ciorchestrator.domain.RunKey;
import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.domain.RunState;
import dev.ciorchestrator.executor.RunArtifacts;
import dev.ciorchestrator.run.RunStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Hands a job the artifacts of the jobs it needs: for each, the latest successful run on the same
 * head (change) or commit (push, schedule slot, queue batch), its files copied from the store into
 * {@code <workspace>/.ci-artifacts/<job>/} and checked against their digests on the way in. A file
 * that does not match, or an upstream run that cannot be found, fails the job before it starts: it
 * must never build on something other than what its upstream made.
 */
public final class Upstreams {
  private final ArtifactStore store;
  private final RunStore runs;

  public Upstreams(ArtifactStore store, RunStore runs) {
    this.store = store;
    this.runs = runs;
  }

  /** One job {@code running} needs, and the run of it whose artifacts it takes. */
  public record Upstream(String job, String runId) {}

  public List<RunArtifacts.Received> receive(RunRecord running, List<String> needs, Path workspace)
      throws IOException {
    List<RunArtifacts.Received> received = new ArrayList<>();
    for (Upstream up : find(running, needs)) {
      received.addAll(handOver(store, workspace, up.job(), up.runId()));
    }
    return List.copyOf(received);
  }

  /**
   * For each of {@code needs}, the latest successful run of that job on {@code running}'s head or
   * commit.
   *
   * @throws ArtifactException naming the first job without one
   */
  public List<Upstream> find(RunRecord running, List<String> needs) throws IOException {
    List<Upstream> found = new ArrayList<>();
    List<RunRecord> candidates = runs.forRepo(running.key().repo());
    for (String job : needs) {
      RunRecord upstream =
          latestSuccess(candidates, running.key(), job)
              .orElseThrow(
                  () ->
                      new ArtifactException(
                          "artifacts: no successful run of %s on %s to take artifacts from"
                              .formatted(job, running.key().sha())));
      found.add(new Upstream(job, upstream.id()));
    }
    return List.copyOf(found);
  }

  /**
   * Copies what run {@code runId} of {@code job} collected to {@code
   * <workspace>/.ci-artifacts/<job>/}, through {@link Inbox}.
   */
  public static List<RunArtifacts.Received> handOver(
      ArtifactStore store, Path workspace, String job, String runId) throws IOException {
    List<Manifest.Entry> files = store.manifest(runId).map(Manifest::files).orElse(List.of());
    return Inbox.fill(
        workspace.resolve(RunArtifacts.INBOX), job, runId, files, BlobSource.of(store));
  }

  private static Optional<RunRecord> latestSuccess(List<RunRecord> runs, RunKey key, String job) {
    return runs.stream()
        .filter(r -> r.state() == RunState.SUCCESS)
        .filter(r -> r.key().job().equals(job))
        .filter(r -> r.key().change() == key.change() && r.key().ref().equals(key.ref()))
        .filter(r -> r.key().sha().equals(key.sha()))
        .max(Comparator.comparingInt(r -> r.key().attempt()));
  }
}
