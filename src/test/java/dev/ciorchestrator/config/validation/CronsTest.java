package dev.ciorchestrator.config.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CronsTest {
  @ParameterizedTest
  @ValueSource(
      strings = {"0 3 * * *", "*/15 * * * *", "30 2 * * 1-5", "0 0 1 1 *", "0 9-17 * * MON-FRI"})
  void acceptsFiveFieldUnixCron(String cron) {
    assertThat(Crons.problem(cron)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = ';',
      value = {
        "0 3 * *; Cron expression contains 4 parts but we expect one of [5]",
        "0 0 3 * * *; Cron expression contains 6 parts but we expect one of [5]",
        "61 * * * *; Value 61 not in range [0, 59]",
        "0 24 * * *; Value 24 not in range [0, 23]",
        "@daily; Nicknames not supported!",
        "0 3 ? * *; Invalid expression: ?",
      })
  void explainsWithCronUtilsReason(String cron, String reason) {
    assertThat(Crons.problem(cron))
        .hasValueSatisfying(
            msg ->
                assertThat(msg)
                    .startsWith("invalid cron expression '" + cron + "': ")
                    .contains(reason)
                    .endsWith(
                        "(expected five fields: minute hour day-of-month month day-of-week)"));
  }
}
