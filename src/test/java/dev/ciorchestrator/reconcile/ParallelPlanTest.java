package dev.ciorchestrator.reconcile;

import static dev.ciorchestrator.reconcile.Fixture.NOW;
import static dev.ciorchestrator.reconcile.Fixture.REPO;
import static dev.ciorchestrator.reconcile.Fixture.change;
import static dev.ciorchestrator.reconcile.Fixture.job;
import static dev.ciorchestrator.reconcile.Fixture.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.config.model.ConfigSnapshot;
import dev.ciorchestrator.domain.ChangeState;
import dev.ciorchestrator.domain.RunKey;
import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.domain.RunState;
import dev.ciorchestrator.reconcile.Fixture.ChangeBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A plan made on several threads with the plan's expression memo is the plan made on one thread
 * evaluating every expression: same decisions, same reasons, same actions, same order.
 */
class ParallelPlanTest {
  private static final int CHANGES = 1_200;
  private static final RunState[] STATES = {
    RunState.SUCCESS, RunState.FAILURE, RunState.RUNNING, RunState.ERROR, RunState.PENDING
  };

  private final Set<String> threads = ConcurrentHashMap.newKeySet();
  private final AtomicInteger evaluations = new AtomicInteger();
  private final PolicyObserver observer =
      (policy, verdict, nanos) -> {
        threads.add(Thread.currentThread().getName());
        evaluations.incrementAndGet();
      };

  @Test
  void aParallelMemoizedPlanIsTheSequentialPlanThatEvaluatesEverything() {
    ConfigSnapshot snapshot = config();
    List<ChangeState> changes = changes();
    List<RunRecord> runs = runs();

    Plan sequential = plan(snapshot, changes, runs, false, ExpressionMemo.none());
    int evaluatedSequentially = evaluations.get();
    assertThat(threads).doesNotContain("planner-0", "planner-1");
    threads.clear();
    Plan parallel = plan(snapshot, changes, runs, true, ExpressionMemo.forPlan());

    assertThat(parallel).isEqualTo(sequential);
    assertThat(parallel.changes()).hasSize(CHANGES);
    // The comparison is only worth something if the plan really was split over the pool and
    // its verdicts really came from the memo.
    assertThat(threads).anyMatch(t -> t.startsWith("planner-"));
    assertThat(evaluations.get()).isEqualTo(2 * evaluatedSequentially);
    assertThat(sequential.changes().stream().map(c -> c.gate().pass()).distinct())
        .containsExactlyInAnyOrder(true, false);
  }

  @Test
  void anExceptionOfOneChangeIsThrownAsItIs() {
    ConfigSnapshot snapshot = config();
    List<ChangeState> changes = changes();
    ExtraGates failing =
        c -> {
          if (c.number() == 777) {
            throw new IllegalStateException("change 777 is broken");
          }
          return List.of();
        };

    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                Planner.plan(
                    snapshot,
                    changes,
                    List.of(),
                    NOW,
                    new Planner.Options(
                        observer,
                        PlanRules.DEFAULT,
                        failing,
                        PolicyMemo.none(),
                        true,
                        ExpressionMemo.forPlan())))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("change 777 is broken");
  }

  private Plan plan(
      ConfigSnapshot snapshot,
      List<ChangeState> changes,
      List<RunRecord> runs,
      boolean parallel,
      ExpressionMemo memo) {
    return Planner.plan(
        snapshot,
        changes,
        runs,
        NOW,
        new Planner.Options(
            observer, PlanRules.DEFAULT, ExtraGates.NONE, PolicyMemo.none(), parallel, memo));
  }

  private static ConfigSnapshot config() {
    return Fixture.config()
        .autoMerge(dev.ciorchestrator.config.model.MergeMethod.MERGE)
        .jobs("build", "test")
        .job(job("lint").when("!change.draft"))
        .job(job("docs").when("!('skip-docs' in change.labels)").optional())
        .trust("authors", "change.author in ['alice', 'bob']")
        .gate(
            "approvals",
            "size(change.approvals) >= 1",
            "'needs 1 approval, has ' + string(size(change.approvals))")
        .gate("green", "jobs.all(j, !jobs[j].required || jobs[j].status == 'success')", null)
        .gate("no-hold", "!('hold' in change.labels)", null)
        .build();
  }

  /** Changes varying in every input a rule above reads. */
  private static List<ChangeState> changes() {
    List<ChangeState> changes = new ArrayList<>();
    for (int n = 1; n <= CHANGES; n++) {
      ChangeBuilder c =
          change().number(n).head("head" + n).author(n % 3 == 0 ? "mallory" : "alice");
      if (n % 5 == 0) {
        c = c.draft();
      }
      if (n % 7 == 0) {
        c = c.labels("hold");
      } else if (n % 11 == 0) {
        c = c.labels("skip-docs");
      }
      if (n % 2 == 0) {
        c = c.approvals("bob");
      }
      changes.add(c.state());
    }
    return changes;
  }

  /** Runs of several states on most changes' heads, and a stale one here and there. */
  private static List<RunRecord> runs() {
    List<RunRecord> runs = new ArrayList<>();
    for (int n = 1; n <= CHANGES; n++) {
      if (n % 4 == 0) {
        continue;
      }
      int i = 0;
      for (String job : List.of("build", "test", "lint", "docs")) {
        RunState state = STATES[(n + i++) % (n % 3 == 0 ? STATES.length : 1)];
        runs.add(run(RunKey.forChange(REPO, n, "head" + n, job, 1), state));
      }
      if (n % 13 == 0) {
        runs.add(run(RunKey.forChange(REPO, n, "old" + n, "build", 1), RunState.RUNNING));
      }
    }
    return runs;
  }
}
