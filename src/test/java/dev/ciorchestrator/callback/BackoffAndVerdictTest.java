package dev.ciorchestrator.callback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BackoffAndVerdictTest {
  @Test
  void doublesUpToTheCap() {
    Backoff b = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(10));
    assertThat(b.after(1)).isEqualTo(Duration.ofSeconds(1));
    assertThat(b.after(2)).isEqualTo(Duration.ofSeconds(2));
    assertThat(b.after(3)).isEqualTo(Duration.ofSeconds(4));
    assertThat(b.after(4)).isEqualTo(Duration.ofSeconds(8));
    assertThat(b.after(5)).isEqualTo(Duration.ofSeconds(10));
    assertThat(b.after(500)).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void refusesACapBelowTheStart() {
    assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "200, DELIVERED",
    "202, DELIVERED",
    "204, DELIVERED",
    "0, RETRY",
    "500, RETRY",
    "502, RETRY",
    "503, RETRY",
    "408, RETRY",
    "429, RETRY",
    "400, REFUSED",
    "401, REFUSED",
    "403, REFUSED",
    "404, REFUSED",
    "410, REFUSED",
    "301, REFUSED",
    "302, REFUSED"
  })
  void classifiesAnswers(int status, Verdict expected) {
    assertThat(Verdict.of(status)).isEqualTo(expected);
  }
}
