package dev.ciorchestrator.executor.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The startup warning of replicas that would each make their own upload key. */
class UploadKeyWarningTest {
  static final Optional<String> URL = Optional.of("http://ci-orchestrator.ci.svc");

  @Test
  void sharedStoreAndUploadsWithoutAKeyWarnNamingTheSettingAndWhatBreaks() {
    assertThat(UploadBeans.keyWarning(true, Optional.empty(), URL))
        .hasValueSatisfying(
            w ->
                assertThat(w)
                    .contains("ci.executor.kubernetes.upload-key")
                    .contains("failover")
                    .contains("CI_EXECUTOR_KUBERNETES_UPLOAD_KEY"));
    assertThat(UploadBeans.keyWarning(true, Optional.of("  "), URL)).isPresent();
  }

  @Test
  void aKeyOrOneReplicaOrNoUploadsNeedNoWarning() {
    assertThat(UploadBeans.keyWarning(true, Optional.of("a-shared-secret"), URL)).isEmpty();
    assertThat(UploadBeans.keyWarning(false, Optional.empty(), URL)).isEmpty();
    assertThat(UploadBeans.keyWarning(true, Optional.empty(), Optional.empty())).isEmpty();
  }
}
