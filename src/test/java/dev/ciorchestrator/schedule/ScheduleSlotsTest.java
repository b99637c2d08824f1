package dev.ciorchestrator.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScheduleSlotsTest {
  private final ScheduleSlots slots = new ScheduleSlots();

  // since: empty = never checked; expected: space-separated slots, empty = none.
  @ParameterizedTest(name = "{0}: ({1}, {2}] -> [{3}] skipped {4}")
  @CsvSource(
      delimiter = '|',
      nullValues = "never",
      textBlock =
          """
          # every minute across a window
          * * * * *  | 2024-05-01T10:00:00Z | 2024-05-01T10:01:00Z | 2024-05-01T10:01:00Z | 0
          * * * * *  | 2024-05-01T10:00:00Z | 2024-05-01T10:05:00Z | 2024-05-01T10:05:00Z | 4
          * * * * *  | 2024-05-01T10:00:30Z | 2024-05-01T10:01:10Z | 2024-05-01T10:01:00Z | 0
          * * * * *  | 2024-05-01T10:00:10Z | 2024-05-01T10:00:50Z |                      | 0
          # since == now, and a clock that went backwards: nothing
          * * * * *  | 2024-05-01T10:00:00Z | 2024-05-01T10:00:00Z |                      | 0
          * * * * *  | 2024-05-01T10:05:00Z | 2024-05-01T10:00:00Z |                      | 0
          # slot exactly at now is included, exactly at since excluded
          0 3 * * *  | 2024-05-01T02:59:00Z | 2024-05-01T03:00:00Z | 2024-05-01T03:00:00Z | 0
          0 3 * * *  | 2024-05-01T03:00:00Z | 2024-05-01T03:30:00Z |                      | 0
          0 3 * * *  | 2024-05-01T03:00:00Z | 2024-05-02T02:59:59Z |                      | 0
          # sub-minute now: the slot is still the exact minute
          0 3 * * *  | 2024-05-01T02:00:00Z | 2024-05-01T03:00:59.999Z | 2024-05-01T03:00:00Z | 0
          # daily across midnight and days
          0 3 * * *  | 2024-05-01T23:00:00Z | 2024-05-02T01:00:00Z |                      | 0
          0 3 * * *  | 2024-05-01T23:00:00Z | 2024-05-02T03:00:00Z | 2024-05-02T03:00:00Z | 0
          0 3 * * *  | 2024-12-31T12:00:00Z | 2025-01-01T12:00:00Z | 2025-01-01T03:00:00Z | 0
          # long outage: the latest missed slot, the older ones counted
          0 3 * * *  | 2024-05-01T03:00:00Z | 2024-05-11T04:00:00Z | 2024-05-11T03:00:00Z | 9
          */15 * * * * | 2024-05-01T00:00:00Z | 2024-05-01T02:07:00Z | 2024-05-01T02:00:00Z | 7
          # never checked: only the most recent slot, no history and no skip count
          0 3 * * *  | never                | 2024-05-11T04:00:00Z | 2024-05-11T03:00:00Z | 0
          0 3 * * *  | never                | 2024-05-11T03:00:00Z | 2024-05-11T03:00:00Z | 0
          * * * * *  | never                | 2024-05-11T04:00:30Z | 2024-05-11T04:00:00Z | 0
          # Feb 29 (UNIX cron has no L for month-end; it is rejected, see below)
          0 0 29 2 * | 2023-03-01T00:00:00Z | 2024-02-29T00:00:00Z | 2024-02-29T00:00:00Z | 0
          0 0 29 2 * | 2024-02-29T00:00:00Z | 2028-03-01T00:00:00Z | 2028-02-29T00:00:00Z | 0
          0 0 29 2 * | 2023-02-28T00:00:00Z | 2032-03-01T00:00:00Z | 2032-02-29T00:00:00Z | 2
          0 0 31 * * | 2024-04-01T00:00:00Z | 2024-06-15T00:00:00Z | 2024-05-31T00:00:00Z | 0
          # a cron that never fires
          0 0 30 2 * | never                | 2024-05-01T00:00:00Z |                      | 0
          """)
  void due(String cron, Instant since, Instant now, String expected, int skipped) {
    List<Instant> want =
        expected == null
            ? List.of()
            : Arrays.stream(expected.split(" ")).map(Instant::parse).toList();

    assertThat(slots.due(cron, since, now)).isEqualTo(new Due(want, skipped));
  }

  @Test
  void skippedSaturatesInsteadOfWalkingAYearOfMinutes() {
    Due due =
        slots.due(
            "* * * * *",
            Instant.parse("2023-05-01T00:00:00Z"),
            Instant.parse("2024-05-01T00:00:00Z"));

    assertThat(due.slots()).containsExactly(Instant.parse("2024-05-01T00:00:00Z"));
    assertThat(due.skipped()).isEqualTo(ScheduleSlots.SKIP_COUNT_LIMIT);
  }

  @Test
  void consecutiveChecksStartEverySlotOnce() {
    Instant start = Instant.parse("2024-05-01T10:00:00Z");
    List<Instant> started = new ArrayList<>();
    Instant since = null;
    // Checks every 20 s for 10 minutes of a */2 cron: every slot exactly once, none skipped.
    for (int s = 0; s <= 600; s += 20) {
      Instant now = start.plusSeconds(s);
      Due due = slots.due("*/2 * * * *", since, now);
      assertThat(due.skipped()).isZero();
      started.addAll(due.slots());
      since = now;
    }

    assertThat(started)
        .containsExactly(
            start,
            start.plusSeconds(120),
            start.plusSeconds(240),
            start.plusSeconds(360),
            start.plusSeconds(480),
            start.plusSeconds(600));
  }

  @ParameterizedTest
  @CsvSource({
    "0 3 * * *,   2024-05-01T02:00:00Z, 2024-05-01T03:00:00Z",
    "0 3 * * *,   2024-05-01T03:00:00Z, 2024-05-02T03:00:00Z",
    "0 3 * * *,   2024-12-31T03:00:01Z, 2025-01-01T03:00:00Z",
    "0 0 29 2 *,  2024-03-01T00:00:00Z, 2028-02-29T00:00:00Z",
    "*/15 * * * *, 2024-05-01T00:14:59.5Z, 2024-05-01T00:15:00Z",
  })
  void nextIsStrictlyAfter(String cron, Instant after, Instant expected) {
    assertThat(slots.next(cron, after)).contains(expected);
  }

  @Test
  void nextOfACronThatNeverFiresIsEmpty() {
    assertThat(slots.next("0 0 30 2 *", Instant.parse("2024-05-01T00:00:00Z"))).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({"0 0 L * *", "0 0 0 * * ?", "not a cron"})
  void rejectsWhatUnixCronDoesNotSupport(String cron) {
    assertThatThrownBy(() -> slots.due(cron, null, Instant.parse("2024-05-01T00:00:00Z")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
