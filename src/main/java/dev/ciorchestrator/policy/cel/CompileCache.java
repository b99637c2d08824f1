package dev.ciorchestrator.policy.cel;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * At most {@code maxEntries} results, the least recently used evicted first. Without a bound the
 * cache of a long-running controller would keep every expression text of every config revision it
 * ever loaded. Eviction only costs a recompilation: a loaded config holds its own expressions.
 *
 * <p>A key is computed once while it stays cached, even when threads race for it, and outside the
 * lock, so a slow compilation never holds up lookups of other keys.
 */
final class CompileCache<K, V> {
  private final Function<K, V> compute;
  private final Map<K, CompletableFuture<V>> entries; // guarded by this

  CompileCache(int maxEntries, Function<K, V> compute) {
    if (maxEntries <= 0) {
      throw new IllegalArgumentException("maxEntries must be positive: " + maxEntries);
    }
    this.compute = compute;
    this.entries =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<K, CompletableFuture<V>> eldest) {
            return size() > maxEntries;
          }
        };
  }

  V get(K key) {
    CompletableFuture<V> result;
    boolean mine = false;
    synchronized (this) {
      result = entries.get(key);
      if (result == null) {
        result = new CompletableFuture<>();
        entries.put(key, result);
        mine = true;
      }
    }
    if (mine) {
      computeInto(key, result);
    }
    return join(result);
  }

  synchronized int size() {
    return entries.size();
  }

  private void computeInto(K key, CompletableFuture<V> result) {
    try {
      result.complete(compute.apply(key));
    } catch (RuntimeException | Error e) {
      // Not a result to keep: the next caller tries again.
      synchronized (this) {
        entries.remove(key, result);
      }
      result.completeExceptionally(e);
    }
  }

  // Waiters see the computing thread's own exception, not a wrapper of it.
  private static <V> V join(CompletableFuture<V> result) {
    try {
      return result.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw e;
    }
  }
}
