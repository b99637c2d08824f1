package dev.ciorchestrator.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The intake's own answers say which setting to change. */
class RefusalTest {
  @Test
  void aTimeoutIsShownInTheUnitItWasSetIn() {
    assertThat(Refusal.tooSlow(Duration.ofSeconds(10)).error())
        .isEqualTo("body not received within 10 s (ci.intake.body-timeout); send it at once");
    assertThat(Refusal.tooSlow(Duration.ofMillis(1500)).error()).contains("within 1500 ms");
    assertThat(Refusal.tooSlow(Duration.ofSeconds(1)))
        .extracting(Refusal::status, Refusal::reason, Refusal::field)
        .containsExactly(408, "too_slow", "");
  }

  @Test
  void aSizeRefusalNamesItsSetting() {
    assertThat(Refusal.tooLarge(1024, "ci.intake.max-body-size"))
        .extracting(Refusal::status, Refusal::reason, Refusal::error)
        .containsExactly(
            413, "too_large", "body is larger than 1024 bytes (ci.intake.max-body-size)");
  }
}
