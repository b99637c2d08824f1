package dev.ciorchestrator.metrics;

import dev.ciorchestrator.cache.CacheEvents;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import jakarta.enterprise.context.ApplicationScoped;

/** Cache hits, misses, bytes restored and saved per repository and job; evictions by reason. */
@ApplicationScoped
public class CacheMeters implements CacheEvents {
  static final String HITS = "ci_orchestrator.cache.hits";
  static final String MISSES = "ci_orchestrator.cache.misses";
  static final String RESTORED = "ci_orchestrator.cache.restored.bytes";
  static final String SAVED = "ci_orchestrator.cache.saved.bytes";
  static final String EVICTIONS = "ci_orchestrator.cache.evictions";

  private final MeterRegistry registry;

  public CacheMeters(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void hit(String repo, String job, long bytes) {
    counter(HITS, "Caches restored", Tags.of("repo", repo, "job", job)).increment();
    counter(RESTORED, "Bytes of caches restored", Tags.of("repo", repo, "job", job))
        .increment(bytes);
  }

  @Override
  public void miss(String repo, String job) {
    counter(MISSES, "Caches not found (or not restored)", Tags.of("repo", repo, "job", job))
        .increment();
  }

  @Override
  public void saved(String repo, String job, long bytes) {
    counter(SAVED, "Bytes of caches saved", Tags.of("repo", repo, "job", job)).increment(bytes);
  }

  @Override
  public void evicted(int byAge, int bySize) {
    counter(EVICTIONS, "Caches evicted", Tags.of("reason", "age")).increment(byAge);
    counter(EVICTIONS, "Caches evicted", Tags.of("reason", "size")).increment(bySize);
  }

  private Counter counter(String name, String description, Tags tags) {
    return Counter.builder(name).description(description).tags(tags).register(registry);
  }
}
