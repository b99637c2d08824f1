package dev.ciorchestrator.executor.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class JobSlotsTest {
  private final JobSlots slots = new JobSlots();

  @Test
  void zeroMeansUnlimited() {
    for (int i = 0; i < 50; i++) {
      assertThat(slots.acquire("unit", 0)).isCompleted();
    }
    assertThat(slots.running("unit")).isEqualTo(50);
  }

  @Test
  void startsBeyondTheLimitWaitInFifoOrder() {
    JobSlots.Slot first = slots.acquire("unit", 1).join();
    List<CompletableFuture<JobSlots.Slot>> queued = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      queued.add(slots.acquire("unit", 1));
    }
    assertThat(queued).noneMatch(CompletableFuture::isDone);
    assertThat(slots.waiting("unit")).isEqualTo(3);

    first.close();
    assertThat(queued.get(0)).isCompleted();
    assertThat(queued.get(1)).isNotDone();

    queued.get(0).join().close();
    assertThat(queued.get(1)).isCompleted();
    assertThat(queued.get(2)).isNotDone();
  }

  @Test
  void closingTwiceFreesOneSlot() {
    JobSlots.Slot first = slots.acquire("unit", 1).join();
    CompletableFuture<JobSlots.Slot> second = slots.acquire("unit", 1);
    CompletableFuture<JobSlots.Slot> third = slots.acquire("unit", 1);

    first.close();
    first.close();

    assertThat(second).isCompleted();
    assertThat(third).isNotDone();
    assertThat(slots.running("unit")).isEqualTo(1);
  }

  @Test
  void jobsDoNotShareSlots() {
    slots.acquire("unit", 1).join();

    assertThat(slots.acquire("lint", 1)).isCompleted();
  }

  @Test
  void cancelledWaiterGivesItsPlaceToTheNext() {
    JobSlots.Slot first = slots.acquire("unit", 1).join();
    CompletableFuture<JobSlots.Slot> cancelled = slots.acquire("unit", 1);
    CompletableFuture<JobSlots.Slot> next = slots.acquire("unit", 1);

    cancelled.cancel(false);
    first.close();

    assertThat(next).isCompleted();
    assertThat(slots.running("unit")).isEqualTo(1);
  }

  @Test
  void raisingTheLimitAppliesFromTheNextAcquire() {
    slots.acquire("unit", 1).join();

    assertThat(slots.acquire("unit", 2)).isCompleted();
  }

  @Test
  void neverExceedsTheLimitUnderContention() throws Exception {
    AtomicInteger inside = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    AtomicInteger done = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<CompletableFuture<Void>> all = new ArrayList<>();
      for (int i = 0; i < 400; i++) {
        all.add(
            CompletableFuture.supplyAsync(() -> slots.acquire("unit", 2), pool)
                .thenCompose(ticket -> ticket)
                .thenAcceptAsync(
                    slot -> {
                      most.accumulateAndGet(inside.incrementAndGet(), Math::max);
                      inside.decrementAndGet();
                      done.incrementAndGet();
                      slot.close();
                    },
                    pool));
      }
      CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
    } finally {
      pool.shutdownNow();
    }

    assertThat(done).hasValue(400);
    assertThat(most.get()).isBetween(1, 2);
    assertThat(slots.running("unit")).isZero();
    assertThat(slots.waiting("unit")).isZero();
  }
}
