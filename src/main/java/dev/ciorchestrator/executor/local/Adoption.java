package dev.ciorchestrator.executor.local;

import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.domain.RunState;
import dev.ciorchestrator.executor.RunContext;
import dev.ciorchestrator.executor.process.JobSlots;
import dev.ciorchestrator.executor.process.RunningProcess;
import dev.ciorchestrator.executor.process.Supervisor;
import dev.ciorchestrator.executor.process.SupervisorDir;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * What a {@link LocalExecutor} finds of an earlier orchestrator's runs on its work dir after a
 * restart, and makes its own: every supervisor folder of its launcher is a run that started. The
 * run's record decides what it still needs: a terminal record only that nothing of the run is left
 * running; any other is adopted, and its outcome (now, or when the job ends) recorded as if this
 * executor had started it.
 */
final class Adoption {
  private static final Logger LOG = Logger.getLogger(Adoption.class);
  private static final Pattern RUN_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

  private final LocalExecutor executor;

  Adoption(LocalExecutor executor) {
    this.executor = executor;
  }

  /** Every run with a supervisor folder. */
  void all() {
    Path dir = executor.supervisedDir();
    try (DirectoryStream<Path> runs = Files.newDirectoryStream(dir)) {
      for (Path run : runs) {
        String id = run.getFileName().toString();
        if (RUN_ID.matcher(id).matches() && Files.isDirectory(run)) {
          one(id, executor.records().current(id));
        }
      }
    } catch (NoSuchFileException e) {
      // nothing ever ran on this work dir
    } catch (IOException e) {
      LOG.errorf("cannot list %s; runs there are adopted when recovered: %s", dir, e.getMessage());
    }
  }

  /** Adopts run {@code runId}, whose supervisor folder exists; {@code record} is its record. */
  @SuppressWarnings("try") // a RunContext is a logging scope: opened and closed, never read
  void one(String runId, Optional<RunRecord> record) {
    SupervisorDir dir = executor.supervision(runId);
    if (record.isEmpty() || record.get().state().terminal()) {
      // its end is stored (the folder outlived it by a crash): nothing of it may run on
      lost(runId);
      executor.forget(runId);
      return;
    }
    RunRecord run = record.get();
    HeldRun held;
    synchronized (executor.held()) {
      if (executor.held().containsKey(runId)) {
        return;
      }
      JobSlots.Slot slot = executor.slots().occupy(LocalExecutor.lane(run));
      held = new HeldRun(runId, CompletableFuture.completedFuture(slot));
      executor.held().put(runId, held);
    }
    try (RunContext ignored = RunContext.of(runId, run.key().repo(), run.key().job())) {
      RunningProcess process = executor.launcher().adopt(runId, dir);
      long stopNoted = dir.noteWritten(LocalExecutor.STOP_NOTE);
      boolean endedFirst =
          dir.exit().filter(e -> e.endedBefore(stopNoted) || e.code() == 0).isPresent();
      if (!endedFirst) { // a job that ended before the stop, or completed, keeps its result
        dir.readNote(LocalExecutor.STOP_NOTE).ifPresent(note -> inheritStop(held, note));
      }
      held.attach(process);
      LOG.infof(
          "run %s adopted from its supervisor (%s)",
          runId, dir.exit().isPresent() ? "it ended meanwhile" : "still running or gone");
      process
          .outcome()
          .thenAcceptAsync(
              outcome -> {
                try (RunContext scope = RunContext.of(runId, run.key().repo(), run.key().job())) {
                  executor.ended(
                      held,
                      outcome,
                      () -> free(held),
                      state ->
                          executor.hooks().afterAdoptedRun(run, executor.workspace(runId), state));
                } catch (RuntimeException e) {
                  LOG.errorf(e, "run %s: cannot record its outcome", runId);
                  free(held);
                  held.settle();
                }
              },
              executor.pool());
    }
  }

  /**
   * Makes sure nothing of run {@code runId} still runs: every process marked as the run's (by its
   * supervisor folder, which may be gone), and what its launcher leaves (a container).
   */
  void lost(String runId) {
    Supervisor.killAll(executor.supervision(runId), executor.launcher().killGrace()).join();
    executor.launcher().release(runId);
  }

  private void free(HeldRun held) {
    held.ticket().join().close();
    executor.release(held);
  }

  /** "error\nthe service stopped" as the earlier orchestrator noted it; a garbled note is none. */
  private static void inheritStop(HeldRun held, String note) {
    int newline = note.indexOf('\n');
    String state = newline < 0 ? note : note.substring(0, newline);
    try {
      RunState stopState = RunState.valueOf(state.strip().toUpperCase(Locale.ROOT));
      held.inherit(stopState, newline < 0 ? "" : note.substring(newline + 1));
    } catch (IllegalArgumentException e) {
      LOG.warnf("run %s: ignoring a stop note that names no state: %s", held.id(), state);
    }
  }
}
