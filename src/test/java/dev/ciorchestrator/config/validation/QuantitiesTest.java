package dev.ciorchestrator.config.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class QuantitiesTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "1", "500m", "0.5", "2.", ".5", "1Gi", "512Mi", "1G", "1k", "1e3", "1E-2", "100Ki"
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
}
