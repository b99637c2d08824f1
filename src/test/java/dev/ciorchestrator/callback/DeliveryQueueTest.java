package dev.ciorchestrator.callback;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeliveryQueueTest {
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  private final DeliveryQueue queue = new DeliveryQueue(3, Clock.fixed(NOW, ZoneOffset.UTC));

  private static Delivery at(String id, Instant due) {
    return new Delivery(id, "run", URI.create("http://x/"), "s", Map.of(), Map.of(), 0, due);
  }

  @Test
  void takesWhatIsDueFirstAndKeepsLaterOnes() throws Exception {
    queue.offer(at("later", NOW.plusSeconds(60)));
    queue.offer(at("a", NOW));
    queue.offer(at("b", NOW.minusSeconds(1)));
    assertThat(queue.take()).hasValueSatisfying(d -> assertThat(d.id()).isEqualTo("b"));
    assertThat(queue.take()).hasValueSatisfying(d -> assertThat(d.id()).isEqualTo("a"));
    assertThat(queue.snapshot()).extracting(Delivery::id).containsExactly("later");
  }

  @Test
  void whenFullDropsTheOldestQueuedNotTheOneDueLast() {
    assertThat(queue.offer(at("1", NOW.plusSeconds(30)))).isEmpty();
    assertThat(queue.offer(at("2", NOW))).isEmpty();
    assertThat(queue.offer(at("3", NOW))).isEmpty();
    assertThat(queue.offer(at("4", NOW)))
        .hasValueSatisfying(d -> assertThat(d.id()).isEqualTo("1"));
    assertThat(queue.snapshot()).extracting(Delivery::id).containsExactly("2", "3", "4");
  }

  @Test
  void aDeliveryQueuedOrOnTheWireIsNotQueuedAgainUntilItsAttemptSettles() throws Exception {
    queue.offer(at("a", NOW));
    queue.offer(at("a", NOW.minusSeconds(5)));
    assertThat(queue.snapshot()).extracting(Delivery::due).containsExactly(NOW);

    assertThat(queue.take()).isPresent();
    queue.clear(); // leadership lost and regained: the store is loaded again
    queue.offer(at("a", NOW));
    assertThat(queue.snapshot()).as("its attempt is on the wire").isEmpty();

    queue.settled("a");
    queue.offer(at("a", NOW.plusSeconds(60))); // its retry
    assertThat(queue.snapshot()).extracting(Delivery::id).containsExactly("a");
  }

  @Test
  void closingWakesATaker() throws Exception {
    queue.offer(at("later", NOW.plusSeconds(3600)));
    Thread closer = new Thread(queue::close);
    closer.start();
    assertThat(queue.take()).isEmpty();
    closer.join();
  }
}
