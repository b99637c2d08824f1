package dev.ciorchestrator.reconcile.queue;

import dev.ciorchestrator.domain.BatchKey;
import dev.ciorchestrator.domain.Names;
import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.domain.RunState;
import dev.ciorchestrator.domain.Trigger;
import dev.ciorchestrator.reconcile.Action;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where one built batch stands from its runs: green when every job passed on its commit, red when
 * one failed, or errored again after its one retry, else still testing (and which runs to start).
 * Its jobs run as a pipeline ({@link BatchPipeline}): a job waits until the jobs it needs passed on
 * the batch commit, and a needed job that fails makes the batch red by itself.
 */
record BatchVerdict(
    BatchVerdict.Outcome outcome, List<Action.StartRun> starts, String detail, String failure) {
  /** An infrastructure {@code error} gets one retry; a test failure none. */
  static final int MAX_ATTEMPTS = 2;

  static final String CAUSE = "merge-queue";

  enum Outcome {
    GREEN,
    RED,
    TESTING
  }

  BatchVerdict {
    starts = List.copyOf(starts);
  }

  /**
   * @param pipeline the batch's jobs; none makes it green at once (nothing is required of it). A
   *     job starts once every job it needs passed on {@code sha}
   * @param runs the branch's batch runs; only this batch's, on {@code sha}, count
   */
  static BatchVerdict judge(
      BatchKey batch, long number, String sha, BatchPipeline pipeline, List<RunRecord> runs) {
    Map<String, RunRecord> latest = latest(batch.id(), sha, runs);
    List<Action.StartRun> starts = new ArrayList<>();
    List<String> waiting = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    String why = describe(batch, number);
    for (String job : pipeline.jobs()) {
      RunRecord run = latest.get(job);
      List<String> pending = unmet(pipeline.needsOf(job), latest);
      if (run == null && !pending.isEmpty()) {
        waiting.add(job + " waiting for " + String.join(", ", pending));
        continue;
      }
      if (run == null) {
        starts.add(start(batch, sha, job, 1, why));
        waiting.add(job + " starting");
        continue;
      }
      int attempt = run.key().attempt();
      switch (run.state()) {
        case SUCCESS -> {}
        case PENDING, RUNNING -> waiting.add(job + " " + run.state().wire());
        case FAILURE -> failed.add(job + " failed" + message(run));
        case ERROR, ABORTED -> {
          if (attempt < MAX_ATTEMPTS) {
            String retry = why + "; retry after " + run.state().wire() + message(run);
            starts.add(start(batch, sha, job, attempt + 1, retry));
            waiting.add(job + " retrying after " + run.state().wire());
          } else {
            failed.add(job + " " + run.state().wire() + " again" + message(run));
          }
        }
      }
    }
    if (!failed.isEmpty()) {
      return new BatchVerdict(Outcome.RED, List.of(), "", String.join("; ", failed));
    }
    if (waiting.isEmpty()) {
      return new BatchVerdict(Outcome.GREEN, List.of(), "every required job passed", "");
    }
    return new BatchVerdict(Outcome.TESTING, starts, String.join(", ", waiting), "");
  }

  /** {@code batch #7 (#12, #15) on main at abc1234}. */
  static String describe(BatchKey batch, long number) {
    return "batch #"
        + number
        + " "
        + changes(batch.changes())
        + " on "
        + batch.branch()
        + " at "
        + Names.shortSha(batch.baseSha());
  }

  /** {@code (#12, #15)}. */
  static String changes(List<Long> numbers) {
    StringBuilder out = new StringBuilder("(");
    for (Long n : numbers) {
      out.append(out.length() > 1 ? ", #" : "#").append(n);
    }
    return out.append(')').toString();
  }

  private static Action.StartRun start(
      BatchKey batch, String sha, String job, int attempt, String why) {
    return new Action.StartRun(
        batch.runKey(sha, job, attempt), Trigger.MERGE_QUEUE, CAUSE, "", why);
  }

  private static Map<String, RunRecord> latest(String batchId, String sha, List<RunRecord> runs) {
    Map<String, RunRecord> latest = new HashMap<>();
    for (RunRecord r : runs) {
      if (r.key().batchId().equals(batchId) && r.key().sha().equals(sha)) {
        latest.merge(r.key().job(), r, (a, b) -> a.key().attempt() >= b.key().attempt() ? a : b);
      }
    }
    return latest;
  }

  /** The needed jobs without a passed run on the batch commit yet. */
  private static List<String> unmet(List<String> needs, Map<String, RunRecord> latest) {
    return needs.stream()
        .filter(n -> latest.get(n) == null || latest.get(n).state() != RunState.SUCCESS)
        .toList();
  }

  private static String message(RunRecord run) {
    return run.message().isEmpty() ? "" : " (" + run.message() + ")";
  }
}
