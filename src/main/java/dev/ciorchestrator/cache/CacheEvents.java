package dev.ciorchestrator.cache;

/** What the caches did, for metrics; tags are the run's repository and job only. */
public interface CacheEvents {
  void hit(String repo, String job, long bytes);

  void miss(String repo, String job);

  void saved(String repo, String job, long bytes);

  void evicted(int byAge, int bySize);

  CacheEvents NONE =
      new CacheEvents() {
        @Override
        public void hit(String repo, String job, long bytes) {}

        @Override
        public void miss(String repo, String job) {}

        @Override
        public void saved(String repo, String job, long bytes) {}

        @Override
        public void evicted(int byAge, int bySize) {}
      };
}
