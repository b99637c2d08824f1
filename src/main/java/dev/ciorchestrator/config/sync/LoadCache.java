package dev.ciorchestrator.config.sync;

import dev.ciorchestrator.config.model.LoadResult;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The last few load results by SHA, good and bad alike: a SHA never changes its content, so going
 * back to an earlier revision, or seeing a known-bad one again, costs no read and no load. Not
 * thread-safe; {@link ConfigSync} only touches it while holding its lock.
 */
final class LoadCache {
  private final Map<String, LoadResult> entries;

  LoadCache(int capacity) {
    this.entries =
        new LinkedHashMap<>(capacity * 2, 0.75f, true) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<String, LoadResult> eldest) {
            return size() > capacity;
          }
        };
  }

  Optional<LoadResult> get(String revision) {
    return Optional.ofNullable(entries.get(revision));
  }

  void put(String revision, LoadResult result) {
    entries.put(revision, result);
  }
}
