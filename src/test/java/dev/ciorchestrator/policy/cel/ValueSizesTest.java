package dev.ciorchestrator.policy.cel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cel.runtime.CelEvaluationException;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Sizes count what comparing or writing out a value would go through, shared parts each time. */
class ValueSizesTest {
  private final EvaluationBudget budget =
      new EvaluationBudget(new Deadline(Duration.ofMinutes(1).toNanos()), CelLimits.DEFAULT);

  @Test
  void stringsListsAndMapsAddUp() throws CelEvaluationException {
    assertThat(budget.sizeOf("abc")).isEqualTo(16 + 6);
    assertThat(budget.sizeOf(List.of("abc", 1L))).isEqualTo(16 + 2 * 8 + 22 + 16);
    assertThat(budget.sizeOf(Map.of("k", List.of()))).isEqualTo(16 + 2 * 8 + 18 + 16);
  }

  @Test
  void aSharedElementCountsEveryTimeItIsReached() throws CelEvaluationException {
    String mebi = "a".repeat(1 << 20);
    List<String> thousandTimes = Collections.nCopies(1000, mebi);

    assertThat(budget.sizeOf(thousandTimes)).isEqualTo(16 + 1000 * (8 + 16 + 2L * (1 << 20)));
    assertThat(budget.sizeOf(List.of(thousandTimes, thousandTimes)))
        .isEqualTo(16 + 2 * 8 + 2 * budget.sizeOf(thousandTimes));
  }

  @Test
  void keepingMoreThanTheAllocationBudgetIsABreachThatSticks() throws CelEvaluationException {
    EvaluationBudget small =
        new EvaluationBudget(
            new Deadline(Duration.ofMinutes(1).toNanos()),
            CelLimits.DEFAULT.withMaxAllocation(1 << 10));
    small.allocate(1000);

    assertThatThrownBy(() -> small.allocate(25))
        .isInstanceOf(CelEvaluationException.class)
        .hasMessage("evaluation exceeded the allocation budget of 1 KiB");
    assertThat(small.breach()).contains("evaluation exceeded the allocation budget of 1 KiB");
  }
}
