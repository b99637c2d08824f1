package dev.ciorchestrator.executor.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ciorchestrator.config.model.Job;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResourceFlagsTest {
  @ParameterizedTest
  @CsvSource({
    "500m, 0.5",
    "1, 1",
    "2, 2",
    "0.25, 0.25",
    "1500m, 1.5",
    ".5, 0.5",
    "1e1, 10",
  })
  void cpuInCores(String quantity, String cpus) {
    assertThat(ResourceFlags.of(new Job.Resources(quantity, ""))).containsExactly("--cpus", cpus);
  }

  @ParameterizedTest
  @CsvSource({
    "64Mi, 67108864",
    "1Gi, 1073741824",
    "1G, 1000000000",
    "128974848, 128974848",
    "129e6, 129000000",
    "123Mi, 128974848",
    "1.5Ki, 1536",
    "0.5k, 500",
    "1001m, 2",
  })
  void memoryInWholeBytesRoundedUp(String quantity, String bytes) {
    assertThat(ResourceFlags.of(new Job.Resources("", quantity)))
        .containsExactly("--memory", bytes);
  }

  @Test
  void noResourcesNoFlags() {
    assertThat(ResourceFlags.of(Job.Resources.NONE)).isEmpty();
  }

  @Test
  void notAQuantityIsRefused() {
    assertThatThrownBy(() -> ResourceFlags.value("lots"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'lots'");
  }
}
