package dev.ciorchestrator.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ciorchestrator.run.DeliveryStore.Stored;
import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What every {@link DeliveryStore} must do, proved the same way for the file and the PostgreSQL
 * store: a subclass opens a store on fresh storage ({@link #fresh}) and another on the same storage
 * ({@link #another}: a restart, or the next leader).
 */
public abstract class DeliveryStoreContract {
  private static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");

  protected abstract DeliveryStore fresh(WriteFence fence) throws Exception;

  protected abstract DeliveryStore another(WriteFence fence) throws Exception;

  private static Stored delivery(String id, int attempt, Instant due) {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("zeta", "first key"); // the order written is the order sent
    payload.put("run", Map.of("id", "r-" + id, "change", 7, "ok", true));
    payload.put("alpha", List.of("a", "b"));
    return new Stored(
        id,
        "run",
        URI.create("https://hooks.example/ci?x=1"),
        "ci.callbacks.secrets.team",
        payload,
        Map.of("run", "r-" + id, "repo", "demo/app"),
        attempt,
        due);
  }

  @Test
  void aQueuedDeliveryOutlivesTheInstanceWithItsOrderAndPayload() throws Exception {
    DeliveryStore store = fresh(WriteFence.open());
    Stored first = delivery("d-1", 0, T0);
    assertThat(store.add(first, 10)).isEmpty();
    assertThat(store.add(delivery("d-2", 0, T0.minusSeconds(5)), 10)).isEmpty();
    assertThat(store.add(delivery("d-1", 3, T0), 10)).as("an id is stored once").isEmpty();

    List<Stored> loaded = another(WriteFence.open()).all();
    assertThat(loaded).extracting(Stored::id).containsExactly("d-1", "d-2");
    assertThat(loaded.get(0)).isEqualTo(first);
    assertThat(loaded.get(0).payload().keySet()).containsExactly("zeta", "run", "alpha");
  }

  @Test
  void aFullQueueDropsTheOldestQueued() throws Exception {
    DeliveryStore store = fresh(WriteFence.open());
    store.add(delivery("d-1", 0, T0.plusSeconds(60)), 2);
    store.add(delivery("d-2", 0, T0), 2);

    List<Stored> dropped = store.add(delivery("d-3", 0, T0), 2);

    assertThat(dropped).extracting(Stored::id).containsExactly("d-1");
    assertThat(another(WriteFence.open()).all())
        .extracting(Stored::id)
        .containsExactly("d-2", "d-3");
  }

  @Test
  void retriesKeepTheirBackoffAndRemovedDeliveriesAreGone() throws Exception {
    DeliveryStore store = fresh(WriteFence.open());
    store.add(delivery("d-1", 0, T0), 10);
    store.add(delivery("d-2", 0, T0), 10);

    assertThat(store.retry("d-1", 2, T0.plusSeconds(4))).isTrue();
    assertThat(store.retry("gone", 1, T0)).isFalse();
    store.remove("d-2");
    store.remove("never-there");

    assertThat(another(WriteFence.open()).all())
        .containsExactly(delivery("d-1", 2, T0.plusSeconds(4)));
  }

  @Test
  void aFollowerQueuesNothingUntilItLeads() throws Exception {
    WriteFence fence = WriteFence.closed();
    DeliveryStore follower = fresh(fence);
    DeliveryStore leader = another(WriteFence.open());
    leader.add(delivery("d-1", 0, T0), 10);

    assertThatThrownBy(() -> follower.add(delivery("d-2", 0, T0), 10))
        .isInstanceOf(WriteFence.NotLeading.class)
        .hasMessageContaining("d-2");
    assertThatThrownBy(() -> follower.retry("d-1", 1, T0))
        .isInstanceOf(WriteFence.NotLeading.class);
    assertThatThrownBy(() -> follower.remove("d-1")).isInstanceOf(WriteFence.NotLeading.class);
    assertThat(another(WriteFence.open()).all()).containsExactly(delivery("d-1", 0, T0));

    fence.lead();
    another(fence).remove("d-1");
    assertThat(another(WriteFence.open()).all()).isEmpty();
  }
}
