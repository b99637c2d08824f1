package dev.ciorchestrator.reconcile;

import dev.ciorchestrator.domain.RunRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The runs of one change out of a repository's whole list. Reports ask once per change with the
 * same list (the run store hands out the same unmodifiable list while nothing changed), so the last
 * such list is indexed once instead of scanned per change: a first pass over 10,000 changes with
 * 10,000 runs otherwise scans 100 million records.
 */
final class RunsOfChange {
  /** A list only indexes when it cannot change under the index. */
  private record Index(List<RunRecord> runs, Map<Long, List<RunRecord>> byChange) {}

  private static final int WORTH_INDEXING = 64;
  private static volatile Index last;

  private RunsOfChange() {}

  static List<RunRecord> of(long change, List<RunRecord> runs) {
    if (runs.size() < WORTH_INDEXING || List.copyOf(runs) != runs) {
      return runs.stream().filter(r -> r.key().change() == change).toList();
    }
    Index index = last;
    if (index == null || index.runs() != runs) {
      Map<Long, List<RunRecord>> byChange = new HashMap<>();
      for (RunRecord r : runs) {
        byChange.computeIfAbsent(r.key().change(), k -> new ArrayList<>()).add(r);
      }
      index = new Index(runs, byChange);
      last = index;
    }
    return index.byChange().getOrDefault(change, List.of());
  }
}
