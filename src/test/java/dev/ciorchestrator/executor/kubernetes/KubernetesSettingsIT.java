package dev.ciorchestrator.executor.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ciorchestrator.testing.ServiceProcess;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged service with Kubernetes settings the API server would refuse in every Job does not
 * start, and its console names each key; it never got as far as listening.
 */
class KubernetesSettingsIT {
  @TempDir Path dir;

  @Test
  void theServiceRefusesToStartNamingEachKey() throws Exception {
    Map<String, String> settings =
        Map.of(
            "ci.executor.kubernetes.run-as-user", "0",
            "ci.executor.kubernetes.ttl-seconds-after-finished", "-1",
            "ci.executor.kubernetes.service-account", "CI_Runner");
    try (ServiceProcess service = ServiceProcess.of(dir, settings)) {
      assertThatThrownBy(service::start)
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("the service exited");
      assertThat(service.alive()).isFalse();
      assertThat(service.log())
          .contains(
              "ci.executor.kubernetes.run-as-user must be between 1 and 2147483647",
              "ci.executor.kubernetes.ttl-seconds-after-finished must be 0 or more",
              "ci.executor.kubernetes.service-account 'CI_Runner' is not a DNS-1123 subdomain");
    }
  }
}
