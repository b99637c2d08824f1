package dev.ciorchestrator.reconcile;

import dev.ciorchestrator.config.model.ConfigSnapshot;
import dev.ciorchestrator.config.model.Job;
import dev.ciorchestrator.domain.Change;
import dev.ciorchestrator.domain.Names;
import dev.ciorchestrator.domain.RunKey;
import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.domain.RunState;
import dev.ciorchestrator.executor.Executor;
import dev.ciorchestrator.executor.RunContext;
import dev.ciorchestrator.executor.RunSpec;
import dev.ciorchestrator.forge.Forge;
import dev.ciorchestrator.forge.MergeResult;
import dev.ciorchestrator.run.ControllerMemory;
import dev.ciorchestrator.run.RunStore;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Carries out actions, in plan order, and nothing else: the planners have decided, this only acts.
 * It is the one place where the loop writes to a forge or starts and aborts runs, so what was done
 * is known here ({@link Executed}). Starting a run is create-if-absent on its deterministic id,
 * then handing the record to the executor; a replayed plan therefore never starts a run twice.
 */
public final class ActionExecutor {
  private static final Logger LOG = Logger.getLogger(ActionExecutor.class);

  /**
   * Where the actions of one plan apply.
   *
   * @param change the change the actions belong to; null for push and scheduled runs
   * @param checkout the local Git repository runs build their workspace from
   */
  public record Target(
      ConfigSnapshot snapshot, Forge forge, String repo, Change change, Path checkout) {}

  /**
   * What one call did, in order, and what each merge it tried answered (the caller plans what
   * follows from it).
   */
  public record Executed(List<Action> done, Map<Action.Merge, MergeResult> merges) {
    public Executed {
      done = List.copyOf(done);
      merges = Map.copyOf(merges);
    }
  }

  private final RunStore runs;
  private final Executor executor;
  private final ControllerMemory memory;
  private final Clock clock;

  /** For callers that only start and abort runs: what it remembers lasts as long as it does. */
  public ActionExecutor(RunStore runs, Executor executor, Clock clock) {
    this(runs, executor, ControllerMemory.inMemory(), clock);
  }

  /**
   * @param memory where {@link Action.RememberAnswer} and {@link Action.RememberRefusal} write
   */
  public ActionExecutor(RunStore runs, Executor executor, ControllerMemory memory, Clock clock) {
    this.runs = runs;
    this.executor = executor;
    this.memory = memory;
    this.clock = clock;
  }

  /** Executes every action; stops at the first failure, which the caller reports. */
  public Executed execute(List<Action> actions, Target target) throws IOException {
    List<Action> done = new ArrayList<>();
    Map<Action.Merge, MergeResult> merges = new HashMap<>();
    for (Action action : actions) {
      if (action instanceof Action.StartRun start) {
        start(start, target);
      } else if (action instanceof Action.AbortRun abort) {
        abort(abort.runId(), abort.reason());
      } else if (action instanceof Action.RememberAnswer told) {
        memory.answered(told.repo(), told.change(), told.answer());
      } else if (action instanceof Action.RememberRefusal refused) {
        memory.refused(refused.repo(), refused.change(), refused.refusal());
      } else if (action instanceof Action.Merge merge) {
        merges.put(
            merge,
            target.forge().merge(merge.repo(), merge.change(), merge.headSha(), merge.method()));
      } else {
        write(action, target.forge());
      }
      done.add(action);
    }
    return new Executed(done, merges);
  }

  /** The actions that write to the forge and answer nothing. */
  private static void write(Action action, Forge forge) throws IOException {
    if (action instanceof Action.AcknowledgeRequest ack) {
      forge.acknowledge(ack.repo(), ack.change(), ack.requestId());
    } else if (action instanceof Action.RequireOkToTest ok) {
      forge.setLabel(ok.repo(), ok.change(), Names.NEEDS_OK_TO_TEST_LABEL, true);
    } else if (action instanceof Action.SetStatus status) {
      forge.setStatus(status.repo(), status.sha(), status.status());
    } else if (action instanceof Action.SetLabel label) {
      forge.setLabel(label.repo(), label.change(), label.label(), label.present());
    } else if (action instanceof Action.UpsertSummary summary) {
      forge.upsertSummary(summary.repo(), summary.change(), summary.body());
    } else if (action instanceof Action.Comment comment) {
      forge.comment(comment.repo(), comment.change(), comment.key(), comment.body());
    } else {
      // Action is sealed and every kind is listed above; a new kind must be added here
      throw new IllegalStateException("no way to carry out " + action);
    }
  }

  @SuppressWarnings("try") // a RunContext is a logging scope: opened and closed, never read
  private void start(Action.StartRun start, Target target) throws IOException {
    RunKey key = start.key();
    Optional<Job> job = target.snapshot().job(key.job());
    if (job.isEmpty()) {
      // the planner only plans jobs of this snapshot; reaching here is a bug, not a user error
      throw new IllegalStateException("job " + key.job() + " is not in the config snapshot");
    }
    Change change = target.change();
    RunRecord record =
        new RunRecord(
            key,
            RunState.PENDING,
            start.trigger(),
            start.causedBy(),
            start.requestId(),
            change == null ? "" : change.baseSha(),
            target.snapshot().revision(),
            clock.instant(),
            null,
            null,
            start.reason());
    // The record is the run: once it exists, a replay of this plan finds it and starts nothing. If
    // we crash right after creating it, the next start recovers the pending record
    // (Executor#recover).
    if (!runs.create(record)) {
      return;
    }
    try (RunContext ignored = RunContext.of(record.id(), key.repo(), key.job())) {
      LOG.infof("run %s started: %s (%s)", record.id(), key.job(), start.reason());
      executor.start(record, spec(job.get(), key, target));
    }
  }

  static RunSpec spec(Job job, RunKey key, Target target) {
    Change change = target.change();
    if (change != null) {
      boolean trusted =
          target
              .snapshot()
              .repository(key.repo())
              .filter(r -> r.trustedUsers().contains(change.author()))
              .isPresent();
      return new RunSpec(job, target.checkout(), change.baseRef(), key.sha(), trusted);
    }
    if (key.batch()) {
      // a batch's commit is tested as it is, like a push; its base ref is the target branch
      return new RunSpec(job, target.checkout(), key.batchBranch(), null);
    }
    if (!key.sha().isEmpty()) {
      return new RunSpec(job, target.checkout(), key.ref(), null); // push: the executor tests sha
    }
    String branch =
        target.snapshot().repository(key.repo()).map(r -> r.defaultBranch()).orElse("main");
    return new RunSpec(job, target.checkout(), branch, null);
  }

  /**
   * Cancels through the executor; a run it does not hold (it finished meanwhile, or it is from
   * before a restart and not recovered yet) is ended in the store directly. The loop aborts
   * superseded runs this way, and so does a person's abort in the web UI.
   */
  @SuppressWarnings("try") // a RunContext is a logging scope: opened and closed, never read
  public void abort(String runId, String reason) throws IOException {
    Optional<RunRecord> run = runs.get(runId);
    try (RunContext ignored =
        run.map(r -> RunContext.of(runId, r.key().repo(), r.key().job()))
            .orElseGet(() -> RunContext.of(runId, "", ""))) {
      if (executor.cancel(runId, reason)) {
        LOG.infof("run %s aborted: %s", runId, reason);
        return;
      }
      run = runs.get(runId); // the executor may have ended it meanwhile
      if (run.isEmpty() || !run.get().canMoveTo(RunState.ABORTED)) {
        return;
      }
      try {
        runs.update(run.get().withState(RunState.ABORTED, clock.instant(), reason));
        LOG.infof("run %s aborted: %s", runId, reason);
      } catch (IllegalStateException e) {
        // it ended between our read and our write: its own end wins, which is what we want
      }
    }
  }
}
