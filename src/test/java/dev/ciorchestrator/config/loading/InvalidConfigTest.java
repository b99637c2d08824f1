package dev.ciorchestrator.config.loading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.ciorchestrator.config.model.ConfigError;
import dev.ciorchestrator.config.model.LoadResult;
import dev.ciorchestrator.policy.cel.CelPolicyEngine;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every case of the invalid corpus fails with exactly the errors its {@code expected.txt} lists.
 */
class InvalidConfigTest {
  private static final CelPolicyEngine ENGINE = new CelPolicyEngine();

  static Stream<Path> cases() {
    return ConfigCorpus.invalidCases().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void reportsEveryExpectedError(Path invalidCase) {
    LoadResult result =
        assertTimeoutPreemptively(
            Duration.ofSeconds(10),
            () ->
                new ConfigLoader(ENGINE)
                    .load("rev", new DirectoryConfigSource(invalidCase).read(null)));

    assertThat(result).isInstanceOf(LoadResult.Failed.class);
    List<String> errors =
        ((LoadResult.Failed) result).errors().stream().map(ConfigError::format).toList();
    assertThat(errors).containsExactlyElementsOf(ConfigCorpus.expectedErrors(invalidCase));
  }

  @Test
  void corpusIsLargeAndEveryCaseHasExpectations() {
    assertThat(ConfigCorpus.invalidCases()).hasSizeGreaterThanOrEqualTo(35);
    assertThat(ConfigCorpus.invalidCases())
        .allSatisfy(c -> assertThat(ConfigCorpus.expectedErrors(c)).isNotEmpty());
  }
}
