package dev.ciorchestrator.executor.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.ciorchestrator.domain.RunKey;
import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.domain.RunState;
import dev.ciorchestrator.domain.Trigger;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RunEnvironmentTest {
  private static RunRecord run(RunKey key, Trigger trigger) {
    return new RunRecord(
        key, RunState.PENDING, trigger, "alice", "", "b1", "c9", Instant.EPOCH, null, null, "");
  }

  @Test
  void changeRunGetsEveryVariableInOrder() {
    RunRecord run = run(RunKey.forChange("acme/app", 42, "h7", "unit", 2), Trigger.PULL_REQUEST);

    assertThat(RunEnvironment.of(run, "main"))
        .containsExactly(
            entry("CI", "true"),
            entry("JOB_NAME", "unit"),
            entry("RUN_ID", run.id()),
            entry("REPO", "acme/app"),
            entry("CHANGE", "42"),
            entry("BASE_REF", "main"),
            entry("BASE_SHA", "b1"),
            entry("HEAD_SHA", "h7"),
            entry("CONFIG_REVISION", "c9"));
  }

  @Test
  void pushRunHasAnEmptyChange() {
    RunRecord run = run(RunKey.forPush("acme/app", "refs/heads/main", "h7", "unit"), Trigger.PUSH);

    assertThat(RunEnvironment.of(run, "main")).containsEntry("CHANGE", "").hasSize(9);
  }

  @Test
  void scheduledRunHasNoHeadSha() {
    RunRecord run = run(RunKey.forSchedule("acme/app", "nightly", Instant.EPOCH), Trigger.SCHEDULE);

    assertThat(RunEnvironment.of(run, null))
        .containsEntry("HEAD_SHA", "")
        .containsEntry("BASE_REF", "")
        .containsEntry("JOB_NAME", "nightly");
  }
}
