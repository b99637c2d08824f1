package dev.ciorchestrator.reconcile.queue;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Where each branch's {@link QueueState} is kept between passes and restarts. Saved only after a
 * pass's actions ran, like the branch watermarks: a crash in between replays the same plan, and
 * deterministic batch and run ids make the replay harmless.
 */
public interface QueueStore {
  /** The saved state, or {@link QueueState#EMPTY} when nothing was saved for the branch. */
  QueueState load(String repo, String branch) throws IOException;

  /** Saves it; saving what is saved writes nothing, saving {@link QueueState#EMPTY} forgets it. */
  void save(String repo, String branch, QueueState state) throws IOException;

  /** The branches of {@code repo} with a saved state: queues that may still own refs. */
  Set<String> branches(String repo);

  /**
   * Opens the store for one term of leadership: a new leader reads what the previous one saved (the
   * file, or PostgreSQL shared by every replica; {@code ci.store.kind}).
   */
  @FunctionalInterface
  interface Source {
    QueueStore open() throws IOException;
  }

  /** Keeps state in memory only; for tests and benchmarks. */
  static QueueStore inMemory() {
    Map<String, QueueState> states = new ConcurrentHashMap<>();
    return new QueueStore() {
      @Override
      public QueueState load(String repo, String branch) {
        return states.getOrDefault(repo + "\n" + branch, QueueState.EMPTY);
      }

      @Override
      public void save(String repo, String branch, QueueState state) {
        if (state.equals(QueueState.EMPTY)) {
          states.remove(repo + "\n" + branch);
        } else {
          states.put(repo + "\n" + branch, state);
        }
      }

      @Override
      public Set<String> branches(String repo) {
        return states.keySet().stream()
            .filter(k -> k.startsWith(repo + "\n"))
            .map(k -> k.substring(repo.length() + 1))
            .collect(Collectors.toSet());
      }
    };
  }
}
