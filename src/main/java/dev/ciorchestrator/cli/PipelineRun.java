package dev.ciorchestrator.cli;

import dev.ciorchestrator.artifact.ArtifactException;
import dev.ciorchestrator.artifact.ArtifactStore;
import dev.ciorchestrator.artifact.Manifest;
import dev.ciorchestrator.artifact.Upstreams;
import dev.ciorchestrator.config.model.ConfigSnapshot;
import dev.ciorchestrator.config.model.Job;
import dev.ciorchestrator.executor.RunArtifacts;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
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
 * digests verified and modes kept, as the service's executors do.
 */
final class PipelineRun {
  private final ArtifactStore store;
  private final Map<String, String> runIds = new HashMap<>();

  PipelineRun(Path dir, ArtifactStore.Limits limits) {
    this.store = new ArtifactStore(dir, limits, Clock.systemUTC());
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
   */
  List<RunArtifacts.Received> handOver(Job job, Path workspace) throws IOException {
    List<RunArtifacts.Received> received = new ArrayList<>();
    for (String need : job.pipeline().needNames()) {
      received.addAll(Upstreams.handOver(store, workspace, need, runIds.get(need)));
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
