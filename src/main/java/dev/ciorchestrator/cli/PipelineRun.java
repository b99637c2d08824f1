package dev.ciorchestrator.cli;

import dev.ciorchestrator.artifact.ArtifactException;
import dev.ciorchestrator.artifact.ArtifactStore;
import dev.ciorchestrator.artifact.Manifest;
import dev.ciorchestrator.artifact.Upstreams;
import dev.ciorchestrator.config.model.ConfigSnapshot;
import dev.ciorchestrator.config.model.Job;
import dev.ciorchestrator.domain.RunKey;
import dev.ciorchestrator.executor.RunArtifacts;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The pipeline {@code run} reproduces for a job that {@code needs} others: every job above it, run
 * first on the same head, each one's {@code artifacts.paths} collected into a store of this run's
 * own (with the service's quotas) and handed to the jobs below under {@code $CI_ARTIFACTS/<job>/},
 * digests verified and modes kept, as the service's executors do. With {@code --artifacts-from} the
 * jobs above are not run: their artifacts come from the service's runs on the same head ({@link
 * RemoteUpstreams}).
 */
final class PipelineRun {
  private final ArtifactStore store;
  private final Optional<RemoteUpstreams> remote;
  private final Map<String, String> runIds = new HashMap<>();

  PipelineRun(Path dir, ArtifactStore.Limits limits, Optional<RemoteUpstreams> remote) {
    this.store = new ArtifactStore(dir, limits, Clock.systemUTC());
    this.remote = remote;
  }

  /** The jobs to run here for {@code job}: all of {@link #order}, or {@code job} alone. */
  List<Job> jobs(ConfigSnapshot snapshot, Job job) {
    return remote.isPresent() ? List.of(job) : order(snapshot, job);
  }

  /**
   * {@code job} and every job it needs, directly or not, each after the jobs it needs. The config
   * loader refused cycles and unknown names, so the walk ends and finds each job.
   */
  static List<Job> order(ConfigSnapshot snapshot, Job job) {
    Set<String> done = new LinkedHashSet<>();
    List<Job> order = new ArrayList<>();
    visit(snapshot, job, done, order);
    return List.copyOf(order);
  }

  private static void visit(ConfigSnapshot snapshot, Job job, Set<String> done, List<Job> order) {
    if (!done.add(job.name())) {
      return;
    }
    for (String need : job.pipeline().needNames()) {
      snapshot.job(need).ifPresent(j -> visit(snapshot, j, done, order));
    }
    order.add(job);
  }

  /**
   * Puts the artifacts of the jobs {@code job} needs into its workspace.
   *
   * @throws IOException naming a file whose content does not match its digest
   * @throws RemoteUpstreams.Failed the service has no such run, or is not reachable, or sent a file
   *     that does not match
   */
  List<RunArtifacts.Received> handOver(Job job, RunKey key, Path workspace)
      throws IOException, RemoteUpstreams.Failed {
    if (remote.isPresent()) {
      return remote.get().handOver(key, job.pipeline().needNames(), workspace);
    }
    List<RunArtifacts.Received> received = new ArrayList<>();
    for (String need : job.pipeline().needNames()) {
      String runId = runIds.get(need);
      Manifest collected =
          store.manifest(runId).orElse(new Manifest(runId, Instant.EPOCH, List.of(), false));
      received.addAll(Upstreams.handOver(store, workspace, need, collected));
    }
    return received;
  }

  /**
   * Collects what {@code job}'s {@code artifacts.paths} select, as run {@code runId}.
   *
   * @return what was collected, or empty if the job collects nothing
   * @throws ArtifactException a quota or a path outside the workspace: the job fails, as in CI
   */
  Optional<Manifest> collect(Job job, String runId, Path workspace) throws IOException {
    runIds.put(job.name(), runId);
    if (!job.pipeline().artifacts().any()) {
      return Optional.empty();
    }
    return Optional.of(store.collect(runId, workspace, job.pipeline().artifacts().paths()));
  }
}
