package dev.ciorchestrator.policy.cel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cel.common.ast.CelExpr;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class DeadlineTest {
  private static final long BUDGET = 100;
  private final AtomicLong wall = new AtomicLong(1_000);
  private final AtomicLong cpu = new AtomicLong(5_000);
  private final Deadline deadline = new Deadline(BUDGET, wall::get, cpu::get);

  @Test
  void withinTheBudgetNothingHappens() {
    wall.addAndGet(50);
    cpu.addAndGet(50);
    tick();
    assertThat(deadline.exceeded()).isFalse();
  }

  @Test
  void aPauseOffCpuDoesNotCountAgainstTheRule() {
    wall.addAndGet(150); // a GC pause or a preempted thread
    cpu.addAndGet(20);
    tick();
    assertThat(deadline.exceeded()).isFalse();
    wall.addAndGet(70); // 90 ns of CPU in all: still within the budget
    cpu.addAndGet(70);
    tick();
    assertThat(deadline.exceeded()).isFalse();
  }

  @Test
  void cpuSpentBeyondTheBudgetStopsTheEvaluation() {
    wall.addAndGet(150);
    cpu.addAndGet(20);
    tick();
    wall.addAndGet(81);
    cpu.addAndGet(81);
    assertThatThrownBy(this::tick).isInstanceOf(Deadline.Exceeded.class);
    assertThat(deadline.exceeded()).isTrue();
  }

  @Test
  void anEvaluationThatCostsSomethingEndsAtTheWallCap() {
    wall.addAndGet(BUDGET * Deadline.WALL_CAP_FACTOR);
    cpu.addAndGet(BUDGET / 10);
    assertThatThrownBy(this::tick).isInstanceOf(Deadline.Exceeded.class);
  }

  @Test
  void aCheapEvaluationStarvedForCpuGoesOnUntilTheHardCap() {
    wall.addAndGet(BUDGET * Deadline.WALL_CAP_FACTOR);
    cpu.addAndGet(1);
    tick();
    assertThat(deadline.exceeded()).isFalse();
    wall.addAndGet(BUDGET * (Deadline.HARD_CAP_FACTOR - Deadline.WALL_CAP_FACTOR));
    assertThatThrownBy(this::tick).isInstanceOf(Deadline.Exceeded.class);
  }

  @Test
  void withoutCpuTimeTheWallClockDecides() {
    Deadline wallOnly = new Deadline(BUDGET, wall::get, () -> -1);
    wall.addAndGet(BUDGET + 1);
    assertThatThrownBy(() -> wallOnly.callback(CelExpr.ofNotSet(0), null))
        .isInstanceOf(Deadline.Exceeded.class);
  }

  @Test
  void onceExceededEveryLaterNodeThrowsToo() {
    wall.addAndGet(BUDGET * Deadline.HARD_CAP_FACTOR);
    assertThatThrownBy(this::tick).isInstanceOf(Deadline.Exceeded.class);
    wall.set(0);
    assertThatThrownBy(this::tick).isInstanceOf(Deadline.Exceeded.class);
  }

  private void tick() {
    deadline.callback(CelExpr.ofNotSet(0), null);
  }
}
