package dev.ciorchestrator.artifact;

import dev.ciorchestrator.domain.RunKey;
import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.domain.RunState;
import dev.ciorchestrator.executor.RunArtifacts;
import dev.ciorchestrator.run.RunStore;
import java.io.IOException;
import java.nio.file.Files;
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

  public List<RunArtifacts.Received> receive(RunRecord running, List<String> needs, Path workspace)
      throws IOException {
    List<RunArtifacts.Received> received = new ArrayList<>();
    List<RunRecord> candidates = runs.forRepo(running.key().repo());
    for (String job : needs) {
      RunRecord upstream =
          latestSuccess(candidates, running.key(), job)
              .orElseThrow(
                  () ->
                      new ArtifactException(
                          "artifacts: no successful run of %s on %s to take artifacts from"
                              .formatted(job, running.key().sha())));
      received.addAll(handOver(store, workspace, job, upstream.id()));
    }
    return List.copyOf(received);
  }

  /**
   * Copies what run {@code runId} of {@code job} collected to {@code
   * <workspace>/.ci-artifacts/<job>/}, each file checked against its digest and given its mode. A
   * run that collected nothing leaves an empty folder, which says so.
   */
  public static List<RunArtifacts.Received> handOver(
      ArtifactStore store, Path workspace, String job, String runId) throws IOException {
    Path into = Files.createDirectories(workspace.resolve(RunArtifacts.INBOX).resolve(job));
    Optional<Manifest> manifest = store.manifest(runId);
    List<RunArtifacts.Received> received = new ArrayList<>();
    for (Manifest.Entry e : manifest.map(Manifest::files).orElse(List.of())) {
      String shown = RunArtifacts.INBOX + "/" + job + "/" + e.path();
      store.copyVerified(e, inside(into, e.path(), shown), shown + " (run " + runId + ")");
      received.add(new RunArtifacts.Received(job, runId, e.path(), e.digest()));
    }
    return received;
  }

  private static Optional<RunRecord> latestSuccess(List<RunRecord> runs, RunKey key, String job) {
    return runs.stream()
        .filter(r -> r.state() == RunState.SUCCESS)
        .filter(r -> r.key().job().equals(job))
        .filter(r -> r.key().change() == key.change() && r.key().ref().equals(key.ref()))
        .filter(r -> r.key().sha().equals(key.sha()))
        .max(Comparator.comparingInt(r -> r.key().attempt()));
  }

  /** Manifest paths are workspace-relative; one that would leave the folder is refused. */
  private static Path inside(Path dir, String path, String shown) throws ArtifactException {
    Path target = dir.resolve(path).normalize();
    if (!target.startsWith(dir) || target.equals(dir)) {
      throw new ArtifactException("artifacts: " + shown + " is not a path inside the folder");
    }
    return target;
  }
}
