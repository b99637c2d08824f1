package dev.ciorchestrator.config.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SuggestionsTest {
  private static final List<String> FIELDS =
      List.of("name", "repos", "triggers", "timeout", "maxConcurrency", "retries", "run", "rule");

  @ParameterizedTest
  @CsvSource({
    "timout, timeout",
    "timeuot, timeout",
    "maxconcurrency, maxConcurrency",
    "MAXCONCURRENCY, maxConcurrency",
    "repo, repos",
    "trigger, triggers",
    "retires, retries",
    "nmae, name",
    "rn, run",
    "rules, rule",
  })
  void suggestsCloseCandidates(String wrong, String expected) {
    assertThat(Suggestions.closest(wrong, FIELDS)).contains(expected);
  }

  @ParameterizedTest
  @CsvSource({"image-name", "spec", "concurrency", "xyz", "''"})
  void staysQuietWhenNothingIsClose(String wrong) {
    assertThat(Suggestions.closest(wrong, FIELDS)).isEmpty();
    assertThat(Suggestions.didYouMean(wrong, FIELDS)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({"kitten, sitting, 3", "flaw, lawn, 2", "abc, abc, 0", "'', abc, 3", "abc, '', 3"})
  void distanceIsLevenshteinCappedAtTheLimit(String a, String b, int expected) {
    assertThat(Suggestions.distance(a, b, 10)).isEqualTo(expected);
    assertThat(Suggestions.distance(a, b, 2)).isEqualTo(Math.min(expected, 2));
  }
}
