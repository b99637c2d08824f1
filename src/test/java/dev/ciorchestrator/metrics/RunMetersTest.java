package dev.ciorchestrator.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.domain.RunKey;
import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.domain.RunState;
import dev.ciorchestrator.domain.Trigger;
import dev.ciorchestrator.executor.RunEvents;
import dev.ciorchestrator.executor.process.JobSlots;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RunMetersTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final JobSlots slots = new JobSlots();
  private final RunMeters meters = new RunMeters(registry, new RunEvents(), slots);

  private static RunRecord queued(String job) {
    RunKey key = RunKey.forChange("acme/app", 7, "a".repeat(40), job, 1);
    return new RunRecord(
        key, RunState.PENDING, Trigger.PULL_REQUEST, "alice", "", "", "", T0, null, null, "");
  }

  @Test
  void aRunThatRanIsStartedFinishedAndTimed() {
    RunRecord running = queued("build").withState(RunState.RUNNING, T0.plusSeconds(3), "");
    meters.changed(running);
    meters.changed(running.withState(RunState.SUCCESS, T0.plusSeconds(10), ""));

    assertThat(
            registry
                .get(RunMeters.STARTED)
                .tags("repo", "acme/app", "job", "build", "trigger", "pull_request")
                .counter()
                .count())
        .isEqualTo(1.0);
    assertThat(registry.get(RunMeters.FINISHED).tags("result", "success").counter().count())
        .isEqualTo(1.0);
    Timer queue = registry.get(RunMeters.QUEUE).tags("repo", "acme/app", "job", "build").timer();
    assertThat(queue.totalTime(TimeUnit.SECONDS)).isEqualTo(3.0);
    Timer duration = registry.get(RunMeters.DURATION).tags("result", "success").timer();
    assertThat(duration.count()).isEqualTo(1);
    assertThat(duration.totalTime(TimeUnit.SECONDS)).isEqualTo(7.0);
  }

  @Test
  void aRunAbortedWhileQueuedFinishesWithoutStartingOrADuration() {
    meters.changed(queued("test").withState(RunState.ABORTED, T0.plusSeconds(5), "superseded"));

    assertThat(registry.find(RunMeters.STARTED).counters()).isEmpty();
    assertThat(registry.get(RunMeters.FINISHED).tags("result", "aborted").counter().count())
        .isEqualTo(1.0);
    assertThat(registry.find(RunMeters.DURATION).timers()).isEmpty();
  }

  @Test
  void noTagCarriesTheShaTheChangeOrTheUser() {
    RunRecord running = queued("build").withState(RunState.RUNNING, T0, "");
    meters.changed(running);
    meters.changed(running.withState(RunState.FAILURE, T0.plusSeconds(1), "exit 1"));

    registry
        .getMeters()
        .forEach(
            m ->
                m.getId()
                    .getTags()
                    .forEach(
                        t ->
                            assertThat(t.getValue())
                                .doesNotContain("aaaaaaa")
                                .isNotEqualTo("7")
                                .isNotEqualTo("alice")));
  }

  @Test
  void slotsInUseReadsTheExecutorsSlots() {
    slots.acquire("acme/app/build", 0);
    slots.acquire("acme/app/test", 1);
    slots.acquire("acme/app/test", 1); // waits: not in use

    assertThat(registry.get(RunMeters.SLOTS_IN_USE).gauge().value()).isEqualTo(2.0);
  }
}
