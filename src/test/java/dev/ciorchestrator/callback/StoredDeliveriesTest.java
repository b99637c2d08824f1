package dev.ciorchestrator.callback;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.run.DeliveryStore;
import dev.ciorchestrator.run.WriteFence;
import dev.ciorchestrator.run.file.FileDeliveryStore;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the stored queue settles an attempt that ends after this replica stopped leading, on the file
 * store: the attempt is taken from the queue, leadership goes, then the attempt ends.
 */
class StoredDeliveriesTest {
  private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
  private static final String SETTING = "ci.callbacks.secret";

  @TempDir Path tmp;
  private final WriteFence fence = WriteFence.open();
  private final DeliveryQueue queue = new DeliveryQueue(10, Clock.fixed(NOW, ZoneOffset.UTC));
  private DeliveryStore store;
  private StoredDeliveries stored;
  private Delivery taken;

  @BeforeEach
  void takeAnAttemptAndStopLeading() throws Exception {
    store = new FileDeliveryStore(tmp.resolve("callbacks.json"), fence);
    stored =
        new StoredDeliveries(store, 10, s -> Optional.of("secret"), queue, new RecordingMetrics());
    fence.watch(stored);
    stored.add(
        new Delivery(
            "d-1", "run", URI.create("http://x/"), "secret", Map.of(), Map.of(), 0, NOW, SETTING));
    stored.leading(); // as a new term would
    taken = queue.take().orElseThrow();
    fence.follow();
  }

  @Test
  void aFailedAttemptIsNotRetriedByAFollower() throws Exception {
    List<Delivery> dropped = new ArrayList<>();
    stored.retry(taken.retryAt(NOW.plusSeconds(60)), dropped::add);

    assertThat(queue.snapshot()).as("the leader retries it from the store").isEmpty();
    assertThat(store.all()).extracting(DeliveryStore.Stored::attempt).containsExactly(0);
    assertThat(dropped).isEmpty();
  }

  @Test
  void anAttemptThatEndedWhileFollowingIsRemovedWhenLeadingAgainNotSentAgain() throws Exception {
    stored.done(taken);
    assertThat(store.all()).as("a follower removes nothing").hasSize(1);

    fence.lead();

    assertThat(store.all()).isEmpty();
    assertThat(queue.snapshot()).isEmpty();
  }

  @Test
  void anAttemptStillOnTheWireWhenLeadingAgainIsLeftToIt() throws Exception {
    fence.lead();
    assertThat(queue.snapshot()).as("not queued a second time").isEmpty();

    stored.done(taken);
    assertThat(store.all()).isEmpty();
  }
}
