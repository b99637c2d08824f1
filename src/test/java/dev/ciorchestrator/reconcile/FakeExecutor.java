package dev.ciorchestrator.reconcile;

import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.domain.RunState;
import dev.ciorchestrator.executor.Executor;
import dev.ciorchestrator.executor.RunSpec;
import dev.ciorchestrator.run.RunStore;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Holds started runs until a test finishes them; records every call in order. */
final class FakeExecutor implements Executor {
  final List<String> calls = new ArrayList<>();
  final List<RunSpec> specs = new ArrayList<>();
  private final Set<String> held = new HashSet<>();
  private final RunStore store;

  FakeExecutor(RunStore store) {
    this.store = store;
  }

  @Override
  public void start(RunRecord run, RunSpec spec) {
    calls.add("start " + run.key().job() + "#" + run.key().attempt());
    specs.add(spec);
    held.add(run.id());
  }

  @Override
  public boolean cancel(String runId, String reason) {
    calls.add("cancel " + runId);
    if (!held.remove(runId)) {
      return false;
    }
    finish(runId, RunState.ABORTED, reason);
    return true;
  }

  @Override
  public void recover(RunRecord run, Optional<RunSpec> spec) {
    calls.add("recover " + run.key().job() + " " + run.state().wire());
    held.add(run.id());
  }

  @Override
  public Path logFile(String runId) {
    return Path.of("/nonexistent", runId + ".log");
  }

  /** Ends a held run in {@code state}, as a process exiting would. */
  void finish(String runId, RunState state, String message) {
    held.remove(runId);
    try {
      RunRecord run = store.get(runId).orElseThrow();
      store.update(run.withState(state, Instant.EPOCH, message));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
