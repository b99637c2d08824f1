package dev.ciorchestrator.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.config.model.LoadResult;
import dev.ciorchestrator.config.sync.SyncState;
import dev.ciorchestrator.config.sync.SyncStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigMetersTest {
  private static final String SHA_1 = "1".repeat(40);
  private static final String SHA_2 = "2".repeat(40);

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final ConfigMeters meters = new ConfigMeters(registry);

  private static SyncStatus status(SyncState state, String running) {
    return new SyncStatus(state, "config", running, running, Instant.EPOCH, null, List.of(), "");
  }

  private double state(String tag) {
    return registry.get(ConfigMeters.SYNC_STATE).tag("state", tag).gauge().value();
  }

  @Test
  void exactlyTheCurrentStateReadsOne() {
    assertThat(state("OutOfSync")).isEqualTo(1.0);

    meters.synced(status(SyncState.ERROR, ""));

    assertThat(state("Error")).isEqualTo(1.0);
    assertThat(state("Synced")).isZero();
    assertThat(state("OutOfSync")).isZero();
  }

  @Test
  void onlyTheRunningRevisionHasASeries() {
    meters.synced(status(SyncState.SYNCED, SHA_1));
    meters.synced(status(SyncState.SYNCED, SHA_2));

    List<Gauge> info = List.copyOf(registry.find(ConfigMeters.REVISION_INFO).gauges());
    assertThat(info).hasSize(1);
    assertThat(info.get(0).getId().getTag("revision")).isEqualTo(SHA_2);
    assertThat(info.get(0).value()).isEqualTo(1.0);
  }

  @Test
  void loadsAreTimedAndTheirResultPassedOn() {
    LoadResult result = new LoadResult.Failed(SHA_1, List.of());

    assertThat(meters.timed((rev, files) -> result).load(SHA_1, List.of())).isSameAs(result);
    assertThat(registry.get(ConfigMeters.LOAD_DURATION).timer().count()).isEqualTo(1);
  }
}
