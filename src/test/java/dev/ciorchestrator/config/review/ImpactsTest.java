package dev.ciorchestrator.config.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.config.model.ConfigSnapshot;
import dev.ciorchestrator.reconcile.impact.Impact;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** Impacts off the loop: the newest ask wins, a stale result is dropped, a ready one is told. */
class ImpactsTest {
  private static final ConfigSnapshot RUNNING = ConfigSnapshot.empty();
  private static final Impact ONE_CHANGE = new Impact(1, 1, List.of(), List.of());

  private final Queue<Runnable> tasks = new ArrayDeque<>();
  private final Map<Long, Review> reviews = new ConcurrentHashMap<>();
  private final List<String> computed = new ArrayList<>();
  private final List<String> wakes = new ArrayList<>();
  private final Impacts impacts =
      new Impacts(
          tasks::add,
          reviews,
          (r, running) -> {
            computed.add(r.head());
            return r.withImpact(ONE_CHANGE, Set.of("acme/app"));
          },
          () -> wakes.add("wake"));

  @Test
  void aNewerHeadAskedBeforeTheOlderStartedReplacesIt() {
    reviews.put(7L, pending("a"));
    impacts.ask(7, pending("a"), RUNNING);
    reviews.put(7L, pending("b"));
    impacts.ask(7, pending("b"), RUNNING);

    assertThat(tasks).hasSize(1);
    tasks.poll().run();

    assertThat(computed).containsExactly("b");
    assertThat(reviews.get(7L).impact()).isEqualTo(ONE_CHANGE);
    assertThat(wakes).containsExactly("wake");
    assertThat(impacts.takeReady()).containsExactly(7L);
    assertThat(impacts.takeReady()).isEmpty();
  }

  @Test
  void aResultForAReviewNoLongerCurrentIsDropped() {
    reviews.put(7L, pending("a"));
    impacts.ask(7, pending("a"), RUNNING);
    Runnable first = tasks.poll();
    first.run(); // started and finished for "a" ...
    reviews.put(7L, pending("b")); // ... but meanwhile the change moved on, and asks again
    impacts.ask(7, pending("b"), RUNNING);
    reviews.put(7L, pending("c"));

    tasks.poll().run(); // computed for "b", which is no longer the review

    assertThat(computed).containsExactly("a", "b");
    assertThat(reviews.get(7L)).isEqualTo(pending("c"));
    assertThat(impacts.takeReady()).as("only a's arrived while it was current").containsExactly(7L);
  }

  @Test
  void aDryRunThatThrowsEndsTheWaitWithItsReason() {
    Impacts failing =
        new Impacts(
            tasks::add,
            reviews,
            (r, running) -> {
              throw new IllegalStateException("rule p1 exceeded its budget\nat line 2");
            },
            () -> wakes.add("wake"));
    reviews.put(7L, pending("a"));
    failing.ask(7, pending("a"), RUNNING);

    tasks.poll().run();

    Impact impact = reviews.get(7L).impact();
    assertThat(impact.pending()).isFalse();
    assertThat(impact.hasFailed()).isTrue();
    assertThat(impact.failure()).isEqualTo("rule p1 exceeded its budget");
    assertThat(wakes).containsExactly("wake");
    assertThat(failing.takeReady()).containsExactly(7L);
  }

  private static Review pending(String head) {
    return Review.invalid(head, "rev1", List.of()).withImpact(Impact.PENDING, Set.of());
  }
}
