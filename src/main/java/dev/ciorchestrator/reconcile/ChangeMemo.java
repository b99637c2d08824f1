package dev.ciorchestrator.reconcile;

import dev.ciorchestrator.domain.Lists;
import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.forge.ForgeChange;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Remembers, per change, the exact inputs of its last fully acted plan, so a reconcile over
 * thousands of unchanged changes plans none of them. Identity, not equality: the forge adapter and
 * the run store hand out the same instances while nothing changed, and comparing references is what
 * keeps a no-op pass over 10,000 changes in milliseconds.
 *
 * <p>Inputs the instances do not capture ({@code now} in a CEL rule) are covered by replanning
 * every change at least once per {@code resync}, as Argo CD's periodic full resync does.
 */
final class ChangeMemo {
  private record Entry(ForgeChange change, List<RunRecord> runs, String revision, Instant at) {}

  private final Map<Long, Entry> entries = new HashMap<>();
  private final Duration resync;

  ChangeMemo(Duration resync) {
    this.resync = resync;
  }

  boolean unchanged(ForgeChange change, List<RunRecord> runs, String revision, Instant now) {
    Entry e = entries.get(change.number());
    return e != null
        && e.change == change
        && e.revision.equals(revision)
        && Lists.sameInstances(e.runs, runs)
        && now.isBefore(e.at.plus(resync));
  }

  void remember(ForgeChange change, List<RunRecord> runs, String revision, Instant now) {
    entries.put(change.number(), new Entry(change, List.copyOf(runs), revision, now));
  }

  void forget(long number) {
    entries.remove(number);
  }

  /** Drops closed changes, so the memo never outgrows the open ones. */
  void retainOnly(java.util.Set<Long> open) {
    entries.keySet().retainAll(open);
  }
}
