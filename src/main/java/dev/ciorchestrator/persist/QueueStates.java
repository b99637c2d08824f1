package dev.ciorchestrator.persist;

import dev.ciorchestrator.reconcile.queue.QueueState;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Every branch's queue state by repository, as a store keeps it in memory between its writes:
 * immutable, so a store replaces its copy only once the write succeeded. An emptied queue and a
 * repository without queues are left out, as they are in what the stores write.
 */
record QueueStates(Map<String, Map<String, QueueState>> byRepo) {
  static final QueueStates NONE = new QueueStates(Map.of());

  QueueStates {
    Map<String, Map<String, QueueState>> copy = new TreeMap<>();
    byRepo.forEach((repo, branches) -> copy.put(repo, Map.copyOf(branches)));
    byRepo = Map.copyOf(copy);
  }

  QueueState load(String repo, String branch) {
    return byRepo.getOrDefault(repo, Map.of()).getOrDefault(branch, QueueState.EMPTY);
  }

  Set<String> branches(String repo) {
    return byRepo.getOrDefault(repo, Map.of()).keySet();
  }

  /** These states with {@code branch}'s replaced; {@link QueueState#EMPTY} removes it. */
  QueueStates with(String repo, String branch, QueueState state) {
    Map<String, Map<String, QueueState>> next = new TreeMap<>(byRepo);
    Map<String, QueueState> branches = new TreeMap<>(next.getOrDefault(repo, Map.of()));
    if (state.equals(QueueState.EMPTY)) {
      branches.remove(branch);
    } else {
      branches.put(branch, state);
    }
    if (branches.isEmpty()) {
      next.remove(repo);
    } else {
      next.put(repo, branches);
    }
    return new QueueStates(next);
  }

  /** For writing the whole file: repositories and branches in order. */
  Map<String, Map<String, QueueState>> sorted() {
    Map<String, Map<String, QueueState>> out = new TreeMap<>();
    byRepo.forEach((repo, branches) -> out.put(repo, new TreeMap<>(branches)));
    return out;
  }
}
