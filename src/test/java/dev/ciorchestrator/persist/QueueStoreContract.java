package dev.ciorchestrator.persist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.reconcile.queue.QueueState;
import dev.ciorchestrator.reconcile.queue.QueueStore;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every {@link QueueStore} does, run against each implementation: a new leader's store reads
 * every branch's queue whole (entries with their order and times, groups, batches, rejections),
 * queues of other branches and repositories stay apart, and an emptied queue is forgotten.
 */
abstract class QueueStoreContract {
  static final QueueState STATE =
      new QueueState(
          7,
          List.of(
              new QueueState.Entry(12, "a".repeat(40), Instant.parse("2026-12-01T10:00:00Z")),
              new QueueState.Entry(15, "e".repeat(40), Instant.parse("2026-12-01T10:05:30.125Z"))),
          List.of(List.of(12L), List.of(15L)),
          List.of(
              QueueState.Built.commit("0123456789abcdef", 7, "c".repeat(40)),
              QueueState.Built.conflict("fedcba9876543210", 6, 15, "conflict in go.mod")),
          List.of(new QueueState.Rejection(9, "b".repeat(40), "batch #5 (#9) failed")));

  static final QueueState LATER =
      new QueueState(
          8,
          List.of(new QueueState.Entry(15, "e".repeat(40), Instant.parse("2026-12-01T10:05:30Z"))),
          List.of(List.of(15L)),
          List.of(),
          List.of());

  /** A new, empty store. */
  protected abstract QueueStore fresh() throws Exception;

  /** Another store on what {@link #fresh} made: a restart, or the next leader. */
  protected abstract QueueStore another() throws Exception;

  @Test
  void aNewStoreReadsEveryQueueThatWasSaved() throws Exception {
    QueueStore store = fresh();
    store.save("acme/app", "main", STATE);
    store.save("acme/app", "release/1", LATER);
    store.save("acme/other", "main", LATER);

    QueueStore again = another();
    assertThat(again.load("acme/app", "main")).isEqualTo(STATE);
    assertThat(again.load("acme/app", "release/1")).isEqualTo(LATER);
    assertThat(again.load("acme/other", "main")).isEqualTo(LATER);
    assertThat(again.load("acme/app", "dev")).isEqualTo(QueueState.EMPTY);
    assertThat(again.load("acme/none", "main")).isEqualTo(QueueState.EMPTY);
    assertThat(again.branches("acme/app")).containsExactlyInAnyOrder("main", "release/1");
    assertThat(again.branches("acme/none")).isEmpty();
  }

  @Test
  void aSaveReplacesTheQueueOfItsBranchOnly() throws Exception {
    QueueStore store = fresh();
    store.save("acme/app", "main", STATE);
    store.save("acme/app", "dev", STATE);
    store.save("acme/app", "main", LATER);

    assertThat(store.load("acme/app", "main")).isEqualTo(LATER);
    QueueStore again = another();
    assertThat(again.load("acme/app", "main")).isEqualTo(LATER);
    assertThat(again.load("acme/app", "dev")).isEqualTo(STATE);
  }

  @Test
  void anEmptiedQueueIsForgotten() throws Exception {
    QueueStore store = fresh();
    store.save("acme/app", "main", STATE);
    store.save("acme/app", "dev", LATER);
    store.save("acme/app", "main", QueueState.EMPTY);

    assertThat(store.branches("acme/app")).containsExactly("dev");
    QueueStore again = another();
    assertThat(again.branches("acme/app")).containsExactly("dev");
    assertThat(again.load("acme/app", "main")).isEqualTo(QueueState.EMPTY);
    again.save("acme/app", "dev", QueueState.EMPTY);
    assertThat(another().branches("acme/app")).isEmpty();
  }

  @Test
  void savingAnEmptyQueueThatWasNeverSavedIsHarmless() throws Exception {
    QueueStore store = fresh();
    store.save("acme/app", "main", QueueState.EMPTY);
    assertThat(store.branches("acme/app")).isEmpty();
    assertThat(another().load("acme/app", "main")).isEqualTo(QueueState.EMPTY);
  }
}
