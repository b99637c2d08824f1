package dev.ciorchestrator.executor.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * The default one-computer setup never builds the Kubernetes executor, so never needs a cluster.
 */
@QuarkusTest
class KubernetesExecutorOffTest {
  @Inject Instance<KubernetesExecutor> executors;

  @Test
  void theExecutorIsNotAvailableUnlessEnabled() {
    assertThat(executors.isResolvable()).isFalse();
  }
}
