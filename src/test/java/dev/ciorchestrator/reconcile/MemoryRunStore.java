package dev.ciorchestrator.reconcile;

import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.run.RunStore;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/** Run records in memory, with the same create-if-absent and forward-only rules as the real one. */
public final class MemoryRunStore implements RunStore {
  private final TreeMap<String, RunRecord> records = new TreeMap<>();

  @Override
  public synchronized boolean create(RunRecord record) {
    return records.putIfAbsent(record.id(), record) == null;
  }

  @Override
  public synchronized void update(RunRecord next) {
    RunRecord current = records.get(next.id());
    if (current == null || !current.canMoveTo(next.state())) {
      throw new IllegalStateException("cannot move " + next.id() + " to " + next.state());
    }
    records.put(next.id(), next);
  }

  @Override
  public synchronized Optional<RunRecord> get(String id) {
    return Optional.ofNullable(records.get(id));
  }

  @Override
  public synchronized List<RunRecord> all() {
    return List.copyOf(records.values());
  }
}
