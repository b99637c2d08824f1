package dev.ciorchestrator.schedule;

import dev.ciorchestrator.domain.RunKey;
import java.time.Instant;
import java.util.List;

/**
 * What one schedule check found: the slots to start now and how many older slots it chose not to
 * start (see {@link ScheduleSlots#due}).
 *
 * @param slots slot times to start, oldest first; at most one today, a list so callers need not
 *     change if the catch-up policy ever does
 * @param skipped missed slots older than the one started; saturates at {@link
 *     ScheduleSlots#SKIP_COUNT_LIMIT}
 */
public record Due(List<Instant> slots, int skipped) {
  public static final Due NONE = new Due(List.of(), 0);

  public Due {
    slots = List.copyOf(slots);
    if (skipped < 0) {
      throw new IllegalArgumentException("skipped cannot be negative, got " + skipped);
    }
  }

  /**
   * The run key of each slot. Two checks that both see a slot (a restart between a check and the
   * save of its {@code since}) map it to the same key, so create-if-absent starts it once.
   */
  public List<RunKey> runKeys(String repo, String job) {
    return slots.stream().map(slot -> RunKey.forSchedule(repo, job, slot)).toList();
  }
}
