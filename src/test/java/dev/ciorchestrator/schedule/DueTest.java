package dev.ciorchestrator.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DueTest {
  private final ScheduleSlots slots = new ScheduleSlots();

  @Test
  void twoChecksCoveringTheSameSlotYieldTheSameRunId() {
    // A check starts the 03:00 run, then the process dies before saving since; the check after
    // the restart sees the slot again and must name the same run, so create-if-absent dedups.
    Due before =
        slots.due(
            "0 3 * * *",
            Instant.parse("2024-05-01T02:59:30Z"),
            Instant.parse("2024-05-01T03:00:10Z"));
    Due afterRestart =
        slots.due(
            "0 3 * * *",
            Instant.parse("2024-05-01T02:59:30Z"),
            Instant.parse("2024-05-01T03:04:45Z"));
    Due neverChecked = slots.due("0 3 * * *", null, Instant.parse("2024-05-01T03:07:00Z"));

    String id = before.runKeys("acme/app", "nightly").get(0).id();
    assertThat(afterRestart.runKeys("acme/app", "nightly").get(0).id()).isEqualTo(id);
    assertThat(neverChecked.runKeys("acme/app", "nightly").get(0).id()).isEqualTo(id);
  }

  @Test
  void differentSlotsOrJobsYieldDifferentRunIds() {
    Due monday = new Due(List.of(Instant.parse("2024-05-06T03:00:00Z")), 0);
    Due tuesday = new Due(List.of(Instant.parse("2024-05-07T03:00:00Z")), 0);

    assertThat(monday.runKeys("acme/app", "nightly").get(0).id())
        .isNotEqualTo(tuesday.runKeys("acme/app", "nightly").get(0).id())
        .isNotEqualTo(monday.runKeys("acme/app", "weekly").get(0).id());
  }

  @Test
  void noSlotsNoKeys() {
    assertThat(Due.NONE.runKeys("acme/app", "nightly")).isEmpty();
  }
}
