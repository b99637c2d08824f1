package dev.ciorchestrator.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TextsTest {
  static Stream<Arguments> rows() {
    return Stream.of(
        argumentSet("fits", "go-test is running", 20, "go-test is running"),
        argumentSet("exactly fits", "abcde", 5, "abcde"),
        argumentSet("cut before the word that does not fit", "alpha beta gamma", 13, "alpha beta…"),
        argumentSet("a word ending at the limit stays", "alpha beta gamma", 12, "alpha beta…"),
        argumentSet(
            "dangling separator dropped", "a is running; b is failure", 15, "a is running…"),
        argumentSet("one long word is cut inside", "abcdefghij", 5, "abcd…"),
        argumentSet("never half a surrogate pair", "abc\uD83D\uDE00def", 5, "abc…"),
        argumentSet(
            "the gate's own text",
            "required-jobs: go-test is running; two-approvals: needs 2 approvals, has 1",
            50,
            "required-jobs: go-test is running; two-approvals…"));
  }

  @ParameterizedTest
  @MethodSource("rows")
  void cutsAtWordBoundaries(String text, int max, String expected) {
    String cut = Texts.cut(text, max);

    assertThat(cut).isEqualTo(expected);
    assertThat(cut.length()).isLessThanOrEqualTo(max);
  }
}
