package dev.ciorchestrator.run.wiring;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * Where runs, logs and the controller's memory live ({@code ci.store.*}, docs/deployment.md "Shared
 * store"). {@code file} (the default) needs nothing; {@code postgres} uses the Quarkus datasource
 * ({@code quarkus.datasource.jdbc.url}, {@code .username}, {@code .password}), which stays
 * inactive, and never connects, while the kind is {@code file}.
 */
@ConfigMapping(prefix = "ci.store")
public interface StoreSettings {
  /** The kinds of store. */
  enum Kind {
    FILE,
    POSTGRES
  }

  @WithDefault("file")
  Kind kind();

  /**
   * The most bytes of one run's log the postgres store keeps; the rest is dropped and a line at the
   * end says so.
   */
  @WithDefault("67108864")
  long logMaxBytes();

  /** With the postgres store: elect the leader through a PostgreSQL advisory lock. */
  @WithDefault("false")
  boolean leaderLock();

  /**
   * How long finished runs and their logs are kept (by finish time); unset, forever. Deleted in
   * batches of {@link #retentionBatch} by the leader.
   */
  Optional<Duration> retention();

  @WithDefault("500")
  int retentionBatch();

  /**
   * The base URL ({@code http://host:port}) other replicas reach this one at, recorded in the
   * shared store while it leads so followers can forward writes to it. Unset: {@code
   * quarkus.http.host} and the port, or this host's address when the service listens on every
   * interface.
   */
  Optional<String> advertisedUrl();
}
