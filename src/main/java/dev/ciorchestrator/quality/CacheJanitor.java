package dev.ciorchestrator.quality;

import dev.ciorchestrator.cache.CacheService;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Evicts on a schedule too: every save evicts, but a service that runs nothing for a week must
 * still forget caches past {@code ci.cache.max-age}.
 */
@ApplicationScoped
public class CacheJanitor {
  private final CacheService caches;

  public CacheJanitor(CacheService caches) {
    this.caches = caches;
  }

  @Scheduled(
      identity = "cache-eviction",
      every = "${ci.cache.eviction-interval:1h}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void evict() {
    caches.evict();
  }
}
