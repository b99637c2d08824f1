package dev.ciorchestrator.schedule;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinition;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which slots of a five-field Unix cron (UTC) fell due between two schedule checks.
 *
 * <p>Restart semantics — a restart never starts a run twice, and never forgets one that was due:
 *
 * <ul>
 *   <li>The window is {@code (since, now]}: {@code since} is the {@code now} of the last completed
 *       check, so a slot exactly at {@code since} was that check's and is excluded here. If the
 *       process dies after starting a run but before saving {@code since}, the next check sees the
 *       slot again and maps it to the same {@link dev.ciorchestrator.domain.RunKey};
 *       create-if-absent makes that a no-op.
 *   <li>Never checked ({@code since == null}): only the most recent slot at or before {@code now}.
 *       A new job (or a wiped state store) must not replay the cron's whole history, but the slot
 *       that is due now is not forgotten either.
 *   <li>Catch-up of one: after an outage spanning several slots only the latest is started and the
 *       older ones are counted in {@link Due#skipped()}. This is what a Kubernetes CronJob does
 *       with its missed schedules (it starts only the most recent one); unlike a CronJob we set no
 *       {@code startingDeadlineSeconds}, so the latest missed slot is started however late — and we
 *       do not give up after 100 misses, we only stop counting them at {@link #SKIP_COUNT_LIMIT}.
 * </ul>
 *
 * <p>Slots are exact minute instants, whatever the sub-minute precision of {@code since} and {@code
 * now}. Expressions are assumed valid (config validation rejects bad ones first, see {@code
 * Crons}); an invalid one throws {@link IllegalArgumentException}.
 */
public final class ScheduleSlots {
  /**
   * Counting missed slots walks them one by one (~10 µs each), so an every-minute cron after a
   * year-long outage would cost seconds; past this many, {@code skipped} saturates.
   */
  public static final int SKIP_COUNT_LIMIT = 10_000;

  // Cron texts come from repository config, so a handful per repository; the bound only guards
  // against unbounded growth as configs churn over a long uptime.
  private static final int CACHE_LIMIT = 1_024;

  private static final CronDefinition UNIX =
      CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX);

  private final Map<String, ExecutionTime> parsed = new ConcurrentHashMap<>();

  /** Slots due in {@code (since, now]}; {@code since} null means never checked. */
  public Due due(String cron, Instant since, Instant now) {
    if (since != null && !since.isBefore(now)) {
      return Due.NONE; // nothing new, or our clock went backwards: never re-run a covered slot
    }
    ExecutionTime times = executionTime(cron);
    Optional<ZonedDateTime> latest = latestAtOrBefore(times, now);
    if (latest.isEmpty() || (since != null && !latest.get().toInstant().isAfter(since))) {
      return Due.NONE;
    }
    int skipped = since == null ? 0 : countBetween(times, utc(since), latest.get());
    return new Due(List.of(latest.get().toInstant()), skipped);
  }

  /** The first slot strictly after {@code after}, for display; empty if the cron never fires. */
  public Optional<Instant> next(String cron, Instant after) {
    return executionTime(cron).nextExecution(utc(after)).map(ZonedDateTime::toInstant);
  }

  private static Optional<ZonedDateTime> latestAtOrBefore(ExecutionTime times, Instant now) {
    ZonedDateTime minute = utc(now).truncatedTo(ChronoUnit.MINUTES);
    // cron-utils' lastExecution is strictly before its argument, so a slot exactly at now
    // would be missed without this check.
    return times.isMatch(minute) ? Optional.of(minute) : times.lastExecution(minute);
  }

  /** Slots strictly between {@code from} and {@code to}, up to {@link #SKIP_COUNT_LIMIT}. */
  private static int countBetween(ExecutionTime times, ZonedDateTime from, ZonedDateTime to) {
    int count = 0;
    Optional<ZonedDateTime> slot = times.nextExecution(from);
    while (slot.isPresent() && slot.get().isBefore(to) && count < SKIP_COUNT_LIMIT) {
      count++;
      slot = times.nextExecution(slot.get());
    }
    return count;
  }

  private ExecutionTime executionTime(String cron) {
    if (parsed.size() >= CACHE_LIMIT) {
      parsed.clear();
    }
    // A parser per parse: cron-utils does not document CronParser as thread-safe.
    return parsed.computeIfAbsent(
        cron, text -> ExecutionTime.forCron(new CronParser(UNIX).parse(text)));
  }

  private static ZonedDateTime utc(Instant instant) {
    return instant.atZone(ZoneOffset.UTC);
  }
}
