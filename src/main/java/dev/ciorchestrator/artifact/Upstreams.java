package dev.ciorchestrator.artifact;

import dev.ciorchestrator.config.model.ConfigSnapshot;
import dev.ciorchestrator.domain.RunKey;
import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.domain.RunState;
import dev.ciorchestrator.executor.RunArtifacts;
import dev.ciorchestrator.run.RunQuery;
import dev.ciorchestrator.run.RunStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Hands a job the artifacts of the jobs it needs: for each, the latest successful run on the same
 * head (change) or commit (push, schedule slot, queue batch), its files copied from the store into
 * {@code <workspace>/.ci-artifacts/<job>/} and checked against their digests on the way in. A file
 * that does not match, an upstream run that cannot be found, or one whose job collects artifacts
 * but whose manifest this store does not have, fails the job before it starts: it must never build
 * on something other than what its upstream made, nor on nothing.
 */
public final class Upstreams {
  private static final int PAGE = 100;

  private final ArtifactStore store;
  private final RunStore runs;
  private final Predicate<String> collects;

  /**
   * @param collects whether a job (by name) declares {@code artifacts} in the running config; a
   *     successful run of such a job always left a manifest, so a missing one is an error
   */
  public Upstreams(ArtifactStore store, RunStore runs, Predicate<String> collects) {
    this.store = store;
    this.runs = runs;
    this.collects = collects;
  }

  /**
   * Whether a job collects, as the config {@code current} returns says; a job it no longer has is
   * taken to, so a missing manifest fails the job below rather than hand it nothing.
   */
  public static Predicate<String> collectsIn(Supplier<ConfigSnapshot> current) {
    return job -> current.get().job(job).map(j -> j.pipeline().artifacts().any()).orElse(true);
  }

  /**
   * One job {@code running} needs, the run of it whose artifacts it takes, and what it collected.
   */
  public record Upstream(String job, String runId, Manifest manifest) {}

  public List<RunArtifacts.Received> receive(RunRecord running, List<String> needs, Path workspace)
      throws IOException {
    List<RunArtifacts.Received> received = new ArrayList<>();
    for (Upstream up : find(running, needs)) {
      received.addAll(handOver(store, workspace, up.job(), up.manifest()));
    }
    return List.copyOf(received);
  }

  /**
   * For each of {@code needs}, the latest successful run of that job on {@code running}'s head or
   * commit, with its manifest (an empty one when its job collects nothing).
   *
   * @throws ArtifactException naming the first job without such a run, or whose run's artifacts are
   *     not in this store
   */
  public List<Upstream> find(RunRecord running, List<String> needs) throws IOException {
    List<Upstream> found = new ArrayList<>();
    for (String job : needs) {
      RunRecord upstream =
          latestSuccess(running.key(), job)
              .orElseThrow(
                  () ->
                      new ArtifactException(
                          "artifacts: no successful run of %s on %s to take artifacts from"
                              .formatted(job, running.key().sha())));
      found.add(new Upstream(job, upstream.id(), manifest(job, upstream)));
    }
    return List.copyOf(found);
  }

  private Manifest manifest(String job, RunRecord upstream) throws IOException {
    Optional<Manifest> m = store.manifest(upstream.id());
    if (m.isPresent()) {
      return m.get();
    }
    if (collects.test(job)) {
      throw new ArtifactException(
          ("artifacts: run %s of %s succeeded, but what it collected is not in this store"
                  + " (expired after ci.artifacts.retention, collected by a controller whose"
                  + " ci.artifacts.store this one does not share, or run before %s declared"
                  + " artifacts); /retest runs it again")
              .formatted(upstream.id(), job, job));
    }
    return new Manifest(upstream.id(), upstream.queuedAt(), List.of(), false);
  }

  /**
   * Copies {@code collected}, what a run of {@code job} collected, to {@code
   * <workspace>/.ci-artifacts/<job>/}, through {@link Inbox}.
   */
  public static List<RunArtifacts.Received> handOver(
      ArtifactStore store, Path workspace, String job, Manifest collected) throws IOException {
    return Inbox.fill(
        workspace.resolve(RunArtifacts.INBOX),
        job,
        collected.runId(),
        collected.files(),
        BlobSource.of(store));
  }

  /**
   * The newest successful run of {@code job} on {@code key}'s change or ref and commit: pages of
   * that job's successful runs, newest first, so the store's index answers and the usual match is
   * on the first page (a later attempt is queued later).
   */
  private Optional<RunRecord> latestSuccess(RunKey key, String job) throws IOException {
    Optional<RunQuery.Cursor> before = Optional.empty();
    while (true) {
      List<RunRecord> page =
          runs.page(
              new RunQuery(
                  key.repo(),
                  OptionalLong.of(key.change()),
                  job,
                  Optional.of(RunState.SUCCESS),
                  before,
                  PAGE));
      for (RunRecord r : page) {
        if (r.key().ref().equals(key.ref()) && r.key().sha().equals(key.sha())) {
          return Optional.of(r);
        }
      }
      if (page.size() < PAGE) {
        return Optional.empty();
      }
      before = Optional.of(RunQuery.Cursor.of(page.get(page.size() - 1)));
    }
  }
}
