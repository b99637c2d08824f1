package dev.ciorchestrator.reconcile.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The queue pass after pass, to the end: which changes merge, which leave, how many batches it
 * took. The simulation itself fails if a batch with a culprit merges or a batch merges onto a base
 * it was not tested on, so "main green at every step" is checked on every row.
 */
class QueueSimulationTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          green batch: two compatible changes merge in one batch | 2 | 4 |      | false | 1,2             |     | 1 | 0
          one culprit in four: the other three merge            | 4 | 4 | 3    | false | 1,2,4           | 3   | 5 | 2
          two culprits in eight                                 | 8 | 8 | 3,6  | false | 1,2,4,5,7,8     | 3,6 | 11 | 5
          every change bad                                      | 2 | 2 | 1,2  | false |                 | 1,2 | 3 | 1
          flaky infrastructure errors are retried once          | 3 | 4 |      | true  | 1,2,3           |     | 1 | 0
          batches of one: each tested and merged alone          | 3 | 1 | 2    | false | 1,3             | 2   | 3 | 0
          """)
  void drains(
      String name,
      int changes,
      int maxBatch,
      String culprits,
      boolean flaky,
      String merged,
      String rejected,
      int batches,
      int bisections) {
    QueueSimulation sim =
        new QueueSimulation(changes, numbers(culprits), flaky, maxBatch).runToEnd();
    assertThat(sim.merged).containsExactlyElementsOf(List.copyOf(numbers(merged)));
    assertThat(sim.rejected).containsExactlyInAnyOrderElementsOf(numbers(rejected));
    assertThat(sim.tested).as("batches tested: " + sim.tested).hasSize(batches);
    assertThat(sim.bisections).isEqualTo(bisections);
  }

  private static Set<Long> numbers(String csv) {
    if (csv == null || csv.isBlank()) {
      return Set.of();
    }
    return Arrays.stream(csv.split(","))
        .map(s -> Long.parseLong(s.trim()))
        .collect(Collectors.toCollection(java.util.LinkedHashSet::new));
  }
}
