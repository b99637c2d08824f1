package dev.ciorchestrator.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ciorchestrator.run.ControllerMemory.MergeRefusal;
import dev.ciorchestrator.run.ControllerMemory.ToldAnswer;
import dev.ciorchestrator.run.MemoryRetention.OpenChanges;
import dev.ciorchestrator.testing.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What retention of the controller's memory must do in every store ({@link MemoryRetention}),
 * proved the same way for the file and the PostgreSQL store through {@link
 * ControllerMemoryContract}.
 */
public abstract class MemoryRetentionContract {
  static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");
  static final Instant CUTOFF = T0.plus(Duration.ofDays(1));
  private static final String REPO = "demo/hello-go";
  private static final String HEAD = "a".repeat(40);

  /**
   * A memory on new, empty storage, writing while {@code fence} is open, stamping refused merges by
   * {@code clock}.
   */
  protected abstract ControllerMemory fresh(WriteFence fence, Clock clock) throws Exception;

  /** Another memory on the storage of the last {@link #fresh} one, with its clock. */
  protected abstract ControllerMemory another(WriteFence fence) throws Exception;

  private static ToldAnswer told(String key, Instant at) {
    return new ToldAnswer(key, HEAD, at, "answer " + key);
  }

  /**
   * The forge's open changes by repository, a repository not in {@code open} unknown; notes each
   * change asked about in {@code asked}.
   */
  private static OpenChanges lists(Map<String, Set<Long>> open, List<String> asked) {
    return (repo, change) -> {
      asked.add(repo + "#" + change);
      return open.containsKey(repo) && !open.get(repo).contains(change);
    };
  }

  @Test
  void onlyClosedChangesRememberedBeforeTheCutoffAreForgotten() throws Exception {
    MutableClock clock = new MutableClock(T0);
    ControllerMemory memory = fresh(WriteFence.open(), clock);
    memory.answered(REPO, 1, told("old", T0)); // closed, old: forgotten
    memory.answered(REPO, 2, told("open", T0)); // open, however old: kept
    memory.refused(REPO, 3, new MergeRefusal(HEAD, "base", "conflict")); // closed, old: forgotten
    memory.answered(REPO, 4, told("old", T0)); // closed, but answered again since: kept
    memory.answered(REPO, 4, told("new", CUTOFF.plusSeconds(1)));
    memory.answered("gone/repo", 1, told("old", T0)); // its forge is unknown: kept
    clock.advance(Duration.ofDays(2));
    memory.refused(REPO, 5, new MergeRefusal(HEAD, "base", "conflict")); // refused since: kept

    List<String> asked = new ArrayList<>();
    OpenChanges open = lists(Map.of(REPO, Set.of(2L, 9L)), asked);
    int forgotten = ((MemoryRetention) memory).forgetClosedBefore(CUTOFF, open, 100, 10);

    assertThat(forgotten).isEqualTo(2);
    assertThat(asked)
        .as("asked only about what is old enough")
        .containsExactlyInAnyOrder(REPO + "#1", REPO + "#2", REPO + "#3", "gone/repo#1");
    for (ControllerMemory m : List.of(memory, another(WriteFence.open()))) {
      assertThat(m.answers(REPO, 1, HEAD)).isEmpty();
      assertThat(m.answers(REPO, 2, HEAD)).extracting(ToldAnswer::key).containsExactly("open");
      assertThat(m.refusal(REPO, 3)).isEmpty();
      assertThat(m.answers(REPO, 4, HEAD))
          .extracting(ToldAnswer::key)
          .containsExactly("old", "new");
      assertThat(m.answers("gone/repo", 1, HEAD)).hasSize(1);
      assertThat(m.refusal(REPO, 5)).isPresent();
    }
    assertThat(((MemoryRetention) memory).forgetClosedBefore(CUTOFF, open, 100, 10)).isZero();
  }

  @Test
  void eachCallLooksAtItsBatchesAndTheNextGoesOnWhereItStopped() throws Exception {
    ControllerMemory memory = fresh(WriteFence.open(), new MutableClock(T0));
    for (long change = 1; change <= 9; change++) {
      memory.answered(REPO, change, told("c" + change, T0));
    }
    // the first four are open: a call that always started from the first would forget nothing
    OpenChanges open = lists(Map.of(REPO, Set.of(1L, 2L, 3L, 4L)), new ArrayList<>());
    MemoryRetention retention = (MemoryRetention) memory;

    assertThat(retention.forgetClosedBefore(CUTOFF, open, 2, 2)).isZero();
    assertThat(retention.forgetClosedBefore(CUTOFF, open, 2, 2)).isEqualTo(4);
    assertThat(another(WriteFence.open()).answers(REPO, 9, HEAD)).hasSize(1);
    assertThat(retention.forgetClosedBefore(CUTOFF, open, 2, 2)).isEqualTo(1);
    assertThat(retention.forgetClosedBefore(CUTOFF, open, 2, 2)).isZero();
    ControllerMemory after = another(WriteFence.open());
    for (long change = 1; change <= 9; change++) {
      assertThat(after.answers(REPO, change, HEAD))
          .as("change " + change)
          .hasSize(change <= 4 ? 1 : 0);
    }
  }

  @Test
  void aFollowerForgetsNothing() throws Exception {
    WriteFence fence = WriteFence.closed();
    ControllerMemory memory = fresh(WriteFence.open(), new MutableClock(T0));
    memory.answered(REPO, 1, told("old", T0));
    MemoryRetention follower = (MemoryRetention) another(fence);
    OpenChanges open = lists(Map.of(REPO, Set.of()), new ArrayList<>());

    assertThatThrownBy(() -> follower.forgetClosedBefore(CUTOFF, open, 10, 10))
        .isInstanceOf(WriteFence.NotLeading.class);
    assertThat(another(WriteFence.open()).answers(REPO, 1, HEAD)).hasSize(1);
    fence.lead();
    assertThat(follower.forgetClosedBefore(CUTOFF, open, 10, 10)).isEqualTo(1);
  }
}
