package dev.ciorchestrator.reconcile.queue;

import dev.ciorchestrator.config.model.MergeMethod;
import dev.ciorchestrator.domain.BatchKey;
import dev.ciorchestrator.domain.RunKey;
import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.domain.RunState;
import dev.ciorchestrator.domain.Trigger;
import dev.ciorchestrator.reconcile.Action;
import dev.ciorchestrator.reconcile.queue.QueueState.Built;
import dev.ciorchestrator.reconcile.queue.QueueState.Entry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Queue planner inputs by hand: one repository, branch {@code main} at {@link #BASE} (or {@link
 * #MOVED}), changes numbered 1.. whose head is {@code head(n)}, and one required job {@code test}.
 */
final class QueueFixture {
  static final String REPO = "acme/app";
  static final String BASE = "b".repeat(40);
  static final String MOVED = "d".repeat(40);
  static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
  static final Instant EARLIER = NOW.minusSeconds(600);

  private QueueFixture() {}

  static String head(long n) {
    return String.format("%040x", n * 0x1111);
  }

  /** The commit a batch's build writes; any distinct SHA does for the planner. */
  static String commit(BatchKey batch) {
    return (batch.id() + batch.id() + "00000000").substring(0, 40);
  }

  static Candidate readyOne(long n) {
    return new Candidate(n, head(n), true, "", List.of("test"));
  }

  static Candidate blocked(long n, String why) {
    return new Candidate(n, head(n), false, why, List.of("test"));
  }

  static List<Candidate> ready(long... numbers) {
    return Arrays.stream(numbers).mapToObj(QueueFixture::readyOne).toList();
  }

  static BatchKey batch(String base, long... numbers) {
    return new BatchKey(
        REPO,
        "main",
        base,
        Arrays.stream(numbers).mapToObj(n -> new BatchKey.Member(n, head(n))).toList());
  }

  /** Changes queued in this order, the front batch built as number {@code n}. */
  static QueueState testing(long n, BatchKey front, long... queued) {
    List<Entry> entries = new ArrayList<>();
    for (long c : queued) {
      entries.add(new Entry(c, head(c), EARLIER));
    }
    return new QueueState(
        n,
        entries,
        List.of(front.changes()),
        List.of(Built.commit(front.id(), n, commit(front))),
        List.of());
  }

  static RunRecord run(BatchKey batch, String job, int attempt, RunState state) {
    RunKey key = batch.runKey(commit(batch), job, attempt);
    return new RunRecord(
        key,
        state,
        Trigger.MERGE_QUEUE,
        "merge-queue",
        "",
        batch.baseSha(),
        "rev",
        NOW,
        NOW,
        null,
        state == RunState.FAILURE ? "exit code 1" : state == RunState.ERROR ? "node lost" : "");
  }

  static QueueInput input(
      String base, List<Candidate> candidates, QueueState state, List<RunRecord> runs) {
    return new QueueInput(REPO, "main", 4, MergeMethod.MERGE, base, candidates, state, runs, NOW);
  }

  /** Job {@code test} needs {@code build}, as {@code needs: [build]} writes it. */
  static final Map<String, List<String>> PIPELINE =
      Map.of("test", List.of("build"), "build", List.of());

  /** As {@link #input}, the required job {@code test} needing {@code build} ({@link #PIPELINE}). */
  static QueueInput piped(
      String base, List<Candidate> candidates, QueueState state, List<RunRecord> runs) {
    return new QueueInput(
        REPO, "main", 4, MergeMethod.MERGE, base, candidates, state, runs, NOW, PIPELINE);
  }

  /** One line per action, short enough for a table row. */
  static List<String> summary(QueuePlan plan, List<RunRecord> runs) {
    Map<String, String> jobs =
        runs.stream()
            .collect(Collectors.toMap(RunRecord::id, r -> r.key().job() + "#" + r.key().attempt()));
    return plan.actions().stream().map(a -> line(a, jobs)).toList();
  }

  private static String line(QueueAction a, Map<String, String> jobs) {
    if (a instanceof QueueAction.Build b) {
      return "build #" + b.number() + " " + BatchVerdict.changes(b.batch().changes());
    }
    if (a instanceof QueueAction.Merge m) {
      return "merge #" + m.number() + " " + BatchVerdict.changes(m.batch().changes());
    }
    if (a instanceof QueueAction.Reject r) {
      return "reject #" + r.change();
    }
    if (a instanceof QueueAction.DropRef d) {
      return "drop #" + d.number();
    }
    Action run = ((QueueAction.Run) a).action();
    if (run instanceof Action.StartRun s) {
      return "start " + s.key().job() + "#" + s.key().attempt();
    }
    return "abort " + jobs.get(((Action.AbortRun) run).runId());
  }
}
