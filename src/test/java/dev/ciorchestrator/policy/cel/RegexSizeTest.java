package dev.ciorchestrator.policy.cel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.google.re2j.Pattern;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The estimate never falls far below what re2j compiles (else a bomb could pass it) nor far above
 * (else an honest pattern would be refused), and reading a pattern costs time linear in its length.
 */
class RegexSizeTest {
  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "^docs/",
        "^[a-z0-9][a-z0-9-]{0,62}$",
        "^(feat|fix|docs|chore)(\\([a-z0-9-]+\\))?!?: .{1,72}$",
        "^v\\d+\\.\\d+\\.\\d+(-[0-9A-Za-z-]+(\\.[0-9A-Za-z-]+)*)?$",
        "(?i)wip|do not merge",
        "(?P<scope>[a-z]{2,8})/(?:[a-z]+){3}",
        "\\p{Greek}{100}",
        "[\\]{}(]{50}x",
        "[^]a-z]{40}",
        "[[:alpha:]]{30}",
        "\\x{41}{200}",
        "a\\{1000}",
        "\\Q((a{1000}){1000})\\E",
        "((ab){10}c){20}",
        "(a|bb|ccc){0,300}",
        "x*?y+?z??",
        "(a{10}){0}b",
      })
  void staysCloseToTheCompiledSize(String pattern) {
    long actual = Pattern.compile(pattern).programSize();
    long estimate = RegexSize.estimate(pattern);

    assertThat(estimate)
        .as("estimate for %s, re2j says %d", pattern, actual)
        .isBetween(actual / 3, actual * 3 + 10);
  }

  @Test
  void nestedRepetitionsMultiply() {
    assertThat(RegexSize.estimate("((a{1000}){1000}){1000}")).isGreaterThan(1_000_000_000L);
    assertThat(RegexSize.estimate("(((((a{9}){9}){9}){9}){9}){9}")).isGreaterThan(500_000L);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"{", "(?", "[[:", "\\p{", "\\Q", "((", "a{1,"})
  void readsAnyPatternInLinearTime(String piece) {
    String pattern = piece.repeat(200_000);
    // Quadratic reading would take minutes here; linear takes milliseconds.
    assertTimeoutPreemptively(
        Duration.ofSeconds(30), () -> assertThat(RegexSize.estimate(pattern)).isPositive());
  }
}
