package dev.ciorchestrator.reconcile.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Which jobs a batch runs, in which order: the required ones and everything they need, needs first.
 */
class BatchPipelineTest {
  private static final Map<String, List<String>> CONFIG =
      Map.of(
          "lint", List.of(),
          "build", List.of(),
          "unit", List.of("build"),
          "e2e", List.of("build", "unit"),
          "docs", List.of());

  static Stream<Arguments> rows() {
    return Stream.of(
        arguments(
            "jobs that need nothing keep their order",
            List.of("lint", "docs"),
            List.of("lint", "docs")),
        arguments(
            "a needed job comes first, though not required",
            List.of("unit"),
            List.of("build", "unit")),
        arguments(
            "a chain is ordered and each job listed once",
            List.of("e2e", "unit", "lint"),
            List.of("build", "unit", "e2e", "lint")),
        arguments("a job the config does not know needs nothing", List.of("gone"), List.of("gone")),
        arguments("no required job, no pipeline", List.of(), List.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void ordersTheBatchJobs(String name, List<String> required, List<String> expected) {
    BatchPipeline pipeline = BatchPipeline.of(required, CONFIG);
    assertThat(pipeline.jobs()).containsExactlyElementsOf(expected);
    expected.forEach(
        job ->
            pipeline
                .needsOf(job)
                .forEach(
                    need ->
                        assertThat(pipeline.jobs().indexOf(need))
                            .as(job + " after " + need)
                            .isLessThan(pipeline.jobs().indexOf(job))));
  }
}
