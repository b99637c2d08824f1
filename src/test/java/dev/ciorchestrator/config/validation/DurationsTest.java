package dev.ciorchestrator.config.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DurationsTest {
  @ParameterizedTest
  @CsvSource({
    "90s, PT1M30S",
    "20m, PT20M",
    "1h30m, PT1H30M",
    "500ms, PT0.5S",
    "1.5h, PT1H30M",
    "2h45m30s, PT2H45M30S",
    ".5s, PT0.5S",
    "1500us, PT0.0015S",
    "1µs, PT0.000001S",
    "10ns, PT0.00000001S",
    "24h, PT24H",
  })
  void parsesGoDurations(String text, Duration expected) {
    assertThat(Durations.parse(text)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = ';',
      value = {
        "20 minutes; invalid duration '20 minutes': expected a Go duration like 90s, 20m, 1h30m or 500ms",
        "20; invalid duration '20': expected a Go duration like 90s, 20m, 1h30m or 500ms",
        "2d; invalid duration '2d': expected a Go duration like 90s, 20m, 1h30m or 500ms",
        "-5m; invalid duration '-5m': expected a Go duration like 90s, 20m, 1h30m or 500ms",
        "1h 30m; invalid duration '1h 30m': expected a Go duration like 90s, 20m, 1h30m or 500ms",
        "PT1H; invalid duration 'PT1H': expected a Go duration like 90s, 20m, 1h30m or 500ms",
        "0s; duration '0s' must be greater than zero",
        "0h0m; duration '0h0m' must be greater than zero",
        "9000h; duration '9000h' is longer than a year",
      })
  void rejectsWithAReason(String text, String reason) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Durations.parse(text))
        .withMessage(reason);
  }

  @org.junit.jupiter.api.Test
  void rejectsEmpty() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Durations.parse(""))
        .withMessageStartingWith("invalid duration ''");
  }
}
