package dev.ciorchestrator.bench;

import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.domain.RunState;
import dev.ciorchestrator.executor.Executor;
import dev.ciorchestrator.executor.RunSpec;
import dev.ciorchestrator.run.RunStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * An executor whose jobs take a fixed simulated time and decide from the commit they test: a run of
 * a merge-queue batch fails when the batch commit holds a file reading {@value #CULPRIT}; every
 * other run passes (a culprit passes alone and breaks what it is merged with).
 */
final class SimulatedJobs implements Executor, AutoCloseable {
  static final String CULPRIT = "culprit\n";

  private final RunStore store;
  private final Clock clock;
  private final Repository git;
  private final Duration jobTime;
  private final Map<String, Instant> due = new LinkedHashMap<>();
  private final Set<String> batchIds = new HashSet<>();

  SimulatedJobs(RunStore store, Clock clock, Path bare, Duration jobTime) throws IOException {
    this.store = store;
    this.clock = clock;
    this.git = new FileRepositoryBuilder().setGitDir(bare.toFile()).setMustExist(true).build();
    this.jobTime = jobTime;
  }

  @Override
  public void start(RunRecord run, RunSpec spec) {
    due.put(run.id(), clock.instant().plus(jobTime));
    if (run.key().batch()) {
      batchIds.add(run.key().batchId());
    }
  }

  @Override
  public boolean cancel(String runId, String reason) {
    if (due.remove(runId) == null) {
      return false;
    }
    finish(runId, RunState.ABORTED, reason);
    return true;
  }

  @Override
  public void recover(RunRecord run, Optional<RunSpec> spec) {
    finish(run.id(), RunState.ERROR, "lost in a restart");
  }

  @Override
  public Path logFile(String runId) {
    return Path.of("/nonexistent", runId + ".log");
  }

  int batches() {
    return batchIds.size();
  }

  /** Ends every run whose simulated time is up. */
  void finishDue() throws IOException {
    Instant now = clock.instant();
    for (Map.Entry<String, Instant> e : Map.copyOf(due).entrySet()) {
      if (!e.getValue().isAfter(now)) {
        due.remove(e.getKey());
        RunRecord run = store.get(e.getKey()).orElseThrow();
        boolean red = run.key().batch() && holdsCulprit(run.key().sha());
        finish(run.id(), red ? RunState.FAILURE : RunState.SUCCESS, red ? "exit 1" : "");
      }
    }
  }

  private boolean holdsCulprit(String sha) throws IOException {
    try (RevWalk walk = new RevWalk(git);
        TreeWalk tree = new TreeWalk(git)) {
      tree.addTree(walk.parseCommit(ObjectId.fromString(sha)).getTree());
      tree.setRecursive(true);
      while (tree.next()) {
        byte[] bytes = git.open(tree.getObjectId(0)).getBytes();
        if (new String(bytes, StandardCharsets.UTF_8).equals(CULPRIT)) {
          return true;
        }
      }
      return false;
    }
  }

  private void finish(String runId, RunState state, String message) {
    try {
      RunRecord run = store.get(runId).orElseThrow();
      store.update(run.withState(state, clock.instant(), message));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    git.close();
  }
}
