package dev.ciorchestrator.reconcile.queue;

import java.io.IOException;

/**
 * Where each branch's {@link QueueState} is kept between passes and restarts. Saved only after a
 * pass's actions ran, like the branch watermarks: a crash in between replays the same plan, and
 * deterministic batch and run ids make the replay harmless.
 */
public interface QueueStore {
  /** The saved state, or {@link QueueState#EMPTY} when nothing was saved for the branch. */
  QueueState load(String repo, String branch) throws IOException;

  /** Saves it; saving what is saved writes nothing. */
  void save(String repo, String branch, QueueState state) throws IOException;

  /** Keeps state in memory only; for tests and benchmarks. */
  static QueueStore inMemory() {
    java.util.Map<String, QueueState> states = new java.util.concurrent.ConcurrentHashMap<>();
    return new QueueStore() {
      @Override
      public QueueState load(String repo, String branch) {
        return states.getOrDefault(repo + "\n" + branch, QueueState.EMPTY);
      }

      @Override
      public void save(String repo, String branch, QueueState state) {
        states.put(repo + "\n" + branch, state);
      }
    };
  }
}
