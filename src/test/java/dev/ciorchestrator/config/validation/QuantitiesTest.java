package dev.ciorchestrator.config.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class QuantitiesTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "1",
        "500m",
        "0.5",
        "2.",
        ".5",
        "1Gi",
        "512Mi",
        "1G",
        "1k",
        "1e3",
        "1E-2",
        "100Ki",
        "+1",
        "250u",
        "10n",
        "7Ei",
        "9223372036854775807",
        "1e-2147483648",
        "0e2147483647"
      })
  void acceptsKubernetesQuantities(String value) {
    assertThat(Quantities.problem("cpu", value)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "1gb", "1 Gi", "-1", "one", "1GiB", "1.2.3", "Gi", "1ki", "1e"})
  void rejectsEverythingElse(String value) {
    assertThat(Quantities.problem("memory", value))
        .contains(
            "invalid memory quantity '"
                + value
                + "': expected a Kubernetes quantity like 500m, 2 or 1Gi");
  }

  /** The API server reads the exponent as a 32-bit integer; a longer one is never expanded. */
  @ParameterizedTest
  @ValueSource(strings = {"1e99999999999999999999", "1e2147483648", "1E-2147483649"})
  void rejectsAnExponentOutOfRange(String value) {
    assertThat(Quantities.problem("cpu", value))
        .contains("invalid cpu quantity '" + value + "': the exponent is out of range");
  }

  @ParameterizedTest
  @ValueSource(strings = {"9223372036854775808", "1e19", "16Ei", "8Ei", "1e2147483647", "10E"})
  void rejectsWhatKubernetesCannotRepresent(String value) {
    assertThat(Quantities.problem("memory", value))
        .contains(
            "invalid memory quantity '"
                + value
                + "': larger than Kubernetes can represent (9223372036854775807)");
  }
}
