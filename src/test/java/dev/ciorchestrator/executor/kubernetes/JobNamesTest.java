package dev.ciorchestrator.executor.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.domain.RunKey;
import org.junit.jupiter.api.Test;

class JobNamesTest {
  static final String DNS_LABEL = "[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?";
  static final String LABEL_VALUE = "([A-Za-z0-9]([A-Za-z0-9._-]{0,61}[A-Za-z0-9])?)?";

  @Test
  void aRunIdIsItsJobName() {
    String id = RunKey.forChange("demo/app", 12, "abc", "go-test", 1).id();
    assertThat(JobNames.jobName(id)).isEqualTo(id);
  }

  @Test
  void otherIdsAreSanitisedDeterministicallyAndKeepTheirDifference() {
    String a = JobNames.jobName("Weird_ID/" + "x".repeat(80));
    String b = JobNames.jobName("Weird_ID:" + "x".repeat(80));
    assertThat(a).matches(DNS_LABEL).isEqualTo(JobNames.jobName("Weird_ID/" + "x".repeat(80)));
    assertThat(b).matches(DNS_LABEL).isNotEqualTo(a);
    assertThat(JobNames.jobName("---")).matches(DNS_LABEL);
  }

  @Test
  void labelValuesAreValidAndDistinct() {
    assertThat(JobNames.labelValue("go-test")).isEqualTo("go-test");
    assertThat(JobNames.labelValue("")).isEqualTo("");
    String slash = JobNames.labelValue("demo/hello_go");
    String underscore = JobNames.labelValue("demo_hello/go");
    assertThat(slash).matches(LABEL_VALUE).startsWith("demo_hello_go_");
    assertThat(underscore).matches(LABEL_VALUE).isNotEqualTo(slash);
    assertThat(JobNames.labelValue("org/" + "r".repeat(100)))
        .matches(LABEL_VALUE)
        .hasSizeLessThanOrEqualTo(63);
  }
}
