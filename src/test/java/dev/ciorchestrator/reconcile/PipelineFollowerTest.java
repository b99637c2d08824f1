package dev.ciorchestrator.reconcile;

import static dev.ciorchestrator.reconcile.Fixture.REPO;
import static dev.ciorchestrator.reconcile.Fixture.config;
import static dev.ciorchestrator.reconcile.Fixture.job;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.config.model.ConfigSnapshot;
import dev.ciorchestrator.domain.RunKey;
import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.domain.RunState;
import dev.ciorchestrator.domain.Trigger;
import dev.ciorchestrator.schedule.ScheduleSlots;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code needs} on pushes and schedule slots: the job below follows on the same commit or slot. */
class PipelineFollowerTest {
  private static final String A = "a".repeat(40);
  private static final String B = "b".repeat(40);
  private static final Instant T0 = Instant.parse("2026-03-01T02:50:00Z");
  private static final Instant T1 = Instant.parse("2026-03-01T03:10:00Z");
  private static final Instant SLOT = Instant.parse("2026-03-01T03:00:00Z");

  private static final ConfigSnapshot SNAPSHOT =
      config()
          .job(job("test").push("main").schedule("0 3 * * *"))
          .job(job("lint").push("main"))
          .job(job("build").push("main").schedule("0 3 * * *").needs("test"))
          .job(job("publish").push("main").needs("build", "lint"))
          .build();

  @Test
  void aPushStartsOnlyTheJobsThatNeedNothing() {
    var plan =
        BranchPlanner.plan(
            SNAPSHOT,
            REPO,
            Map.of("main", A),
            Map.of("main", B),
            Map.of(),
            T1,
            new ScheduleSlots());

    assertThat(plan.actions())
        .map(a -> ((Action.StartRun) a).key().job())
        .containsExactly("test", "lint");
  }

  @Test
  void theJobBelowStartsOnTheSameCommitOnceEveryNeedPassed() {
    List<RunRecord> runs =
        List.of(
            push("test", B, RunState.SUCCESS),
            push("lint", B, RunState.RUNNING),
            push("test", A, RunState.FAILURE));

    List<Action> starts = PipelineFollower.follow(SNAPSHOT, REPO, runs);

    assertThat(starts)
        .containsExactly(
            new Action.StartRun(
                RunKey.forPush(REPO, "main", B, "build"),
                Trigger.PUSH,
                "carol",
                "",
                "needs met: test passed at bbbbbbb"));
  }

  @Test
  void followsOnceAndNeverBelowAFailure() {
    List<RunRecord> runs =
        List.of(
            push("test", B, RunState.SUCCESS),
            push("build", B, RunState.FAILURE),
            push("lint", B, RunState.SUCCESS));

    assertThat(PipelineFollower.follow(SNAPSHOT, REPO, runs)).isEmpty();

    List<RunRecord> green =
        List.of(
            push("test", B, RunState.SUCCESS),
            push("build", B, RunState.SUCCESS),
            push("lint", B, RunState.SUCCESS),
            push("publish", B, RunState.PENDING));
    assertThat(PipelineFollower.follow(SNAPSHOT, REPO, green)).isEmpty();
  }

  @Test
  void aScheduledJobFollowsInTheSameSlot() {
    var plan =
        BranchPlanner.plan(
            SNAPSHOT,
            REPO,
            Map.of("main", A),
            Map.of("main", A),
            Map.of("test", T0, "build", T0),
            T1,
            new ScheduleSlots());
    assertThat(plan.actions())
        .map(a -> ((Action.StartRun) a).key())
        .containsExactly(RunKey.forSchedule(REPO, "test", SLOT));

    RunRecord test =
        record(RunKey.forSchedule(REPO, "test", SLOT), RunState.SUCCESS, Trigger.SCHEDULE);
    assertThat(PipelineFollower.follow(SNAPSHOT, REPO, List.of(test)))
        .map(a -> ((Action.StartRun) a).key())
        .containsExactly(RunKey.forSchedule(REPO, "build", SLOT));
  }

  @Test
  void aRepositoryWithoutPipelinesCostsNothing() {
    ConfigSnapshot plain = config().job(job("test").push("main")).build();

    assertThat(PipelineFollower.follow(plain, REPO, List.of(push("test", B, RunState.SUCCESS))))
        .isEmpty();
  }

  private static RunRecord push(String job, String sha, RunState state) {
    return record(RunKey.forPush(REPO, "main", sha, job), state, Trigger.PUSH);
  }

  private static RunRecord record(RunKey key, RunState state, Trigger trigger) {
    return new RunRecord(key, state, trigger, "carol", "", "", "rev1", T0, T0, null, "");
  }
}
