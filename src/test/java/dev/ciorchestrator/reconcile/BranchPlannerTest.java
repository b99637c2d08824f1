package dev.ciorchestrator.reconcile;

import static dev.ciorchestrator.reconcile.Fixture.REPO;
import static dev.ciorchestrator.reconcile.Fixture.config;
import static dev.ciorchestrator.reconcile.Fixture.job;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.config.model.ConfigSnapshot;
import dev.ciorchestrator.domain.RunKey;
import dev.ciorchestrator.domain.Trigger;
import dev.ciorchestrator.schedule.ScheduleSlots;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Postsubmits on a moved branch tip, scheduled runs once per slot, and what to remember after. */
class BranchPlannerTest {
  private static final String A = "a".repeat(40);
  private static final String B = "b".repeat(40);
  private static final Instant T0 = Instant.parse("2026-03-01T02:50:00Z");
  private static final Instant T1 = Instant.parse("2026-03-01T03:10:00Z");
  private static final ScheduleSlots SLOTS = new ScheduleSlots();

  private static final ConfigSnapshot SNAPSHOT =
      config()
          .job(job("go-test").push("main"))
          .job(job("release").push("release/*"))
          .job(job("nightly").schedule("0 3 * * *"))
          .job(job("other-repo").repos("demo/other").push())
          .build();

  private static List<RunKey> started(BranchPlanner.BranchPlan plan) {
    return plan.actions().stream().map(a -> ((Action.StartRun) a).key()).toList();
  }

  @Test
  void firstSightIsABaselineNotAPush() {
    BranchPlanner.BranchPlan plan =
        BranchPlanner.plan(SNAPSHOT, REPO, null, Map.of("main", A), Map.of(), T0, SLOTS);

    assertThat(plan.actions()).isEmpty();
    assertThat(plan.branches()).isEqualTo(Map.of("main", A));
    assertThat(plan.schedules()).isEqualTo(Map.of("nightly", T0));
  }

  @Test
  void aMovedBranchStartsItsPostsubmitsOnThePushedSha() {
    BranchPlanner.BranchPlan plan =
        BranchPlanner.plan(
            SNAPSHOT,
            REPO,
            Map.of("main", A, "release/1", A),
            Map.of("main", B, "release/1", A, "feature", B),
            Map.of(),
            T0,
            SLOTS);

    assertThat(started(plan)).containsExactly(RunKey.forPush(REPO, "main", B, "go-test"));
    Action.StartRun start = (Action.StartRun) plan.actions().get(0);
    assertThat(start.trigger()).isEqualTo(Trigger.PUSH);
    assertThat(start.reason()).isEqualTo("push to main at bbbbbbb");
  }

  @Test
  void aNewBranchCountsAsAPush() {
    BranchPlanner.BranchPlan plan =
        BranchPlanner.plan(
            SNAPSHOT,
            REPO,
            Map.of("main", A),
            Map.of("main", A, "release/2", B),
            Map.of(),
            T0,
            SLOTS);

    assertThat(started(plan)).containsExactly(RunKey.forPush(REPO, "release/2", B, "release"));
  }

  @Test
  void aScheduledJobStartsOncePerSlotAndRemembersTheCheck() {
    Map<String, Instant> checked = Map.of("nightly", T0);

    BranchPlanner.BranchPlan due =
        BranchPlanner.plan(SNAPSHOT, REPO, Map.of(), Map.of(), checked, T1, SLOTS);
    BranchPlanner.BranchPlan again =
        BranchPlanner.plan(
            SNAPSHOT, REPO, Map.of(), Map.of(), due.schedules(), T1.plusSeconds(60), SLOTS);

    assertThat(started(due))
        .containsExactly(
            RunKey.forSchedule(REPO, "nightly", Instant.parse("2026-03-01T03:00:00Z")));
    assertThat(due.schedules()).isEqualTo(Map.of("nightly", T1));
    assertThat(again.actions()).isEmpty();
    assertThat(again.schedules()).as("unchanged: nothing to save").isEqualTo(due.schedules());
  }

  @Test
  void aReplayAfterACrashPlansTheSameRunKey() {
    // the process died after starting the slot's run but before saving the watermark
    Map<String, Instant> checked = Map.of("nightly", T0);

    assertThat(started(BranchPlanner.plan(SNAPSHOT, REPO, Map.of(), Map.of(), checked, T1, SLOTS)))
        .isEqualTo(
            started(
                BranchPlanner.plan(
                    SNAPSHOT, REPO, Map.of(), Map.of(), checked, T1.plusSeconds(30), SLOTS)));
  }
}
