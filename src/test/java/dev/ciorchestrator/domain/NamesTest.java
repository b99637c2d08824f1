package dev.ciorchestrator.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NamesTest {
  private static final String DNS_LABEL = "^[a-z0-9]([a-z0-9-]*[a-z0-9])?$";

  @Test
  void runIdIsReadableAndDeterministic() {
    RunKey key = RunKey.forChange("demo/hello-go", 12, "abc123", "go-test", 1);
    assertThat(key.id()).startsWith("go-test-pr12-").hasSize("go-test-pr12-".length() + 12);
    assertThat(RunKey.forChange("demo/hello-go", 12, "abc123", "go-test", 1).id())
        .isEqualTo(key.id());
  }

  @Test
  void everyPartOfTheKeyChangesTheId() {
    RunKey base = RunKey.forChange("demo/a", 1, "sha", "job", 1);
    Set<String> ids = new HashSet<>();
    ids.add(base.id());
    ids.add(RunKey.forChange("demo/b", 1, "sha", "job", 1).id());
    ids.add(RunKey.forChange("demo/a", 2, "sha", "job", 1).id());
    ids.add(RunKey.forChange("demo/a", 1, "sha2", "job", 1).id());
    ids.add(RunKey.forChange("demo/a", 1, "sha", "job2", 1).id());
    ids.add(base.withAttempt(2).id());
    ids.add(RunKey.forPush("demo/a", "refs/heads/main", "sha", "job").id());
    ids.add(RunKey.forSchedule("demo/a", "job", Instant.parse("2026-01-01T03:00:00Z")).id());
    assertThat(ids).hasSize(8);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "a",
        "go-test",
        "a-very-long-job-name-that-uses-all-sixty-three-characters-allowed",
        "9-starts-with-digit"
      })
  void runIdIsAValidKubernetesName(String job) {
    for (RunKey key :
        new RunKey[] {
          RunKey.forChange("o/r", 123456789, "s", job, 99),
          RunKey.forPush("o/r", "refs/heads/main", "s", job),
          RunKey.forSchedule("o/r", job, Instant.EPOCH)
        }) {
      assertThat(key.id()).hasSizeLessThanOrEqualTo(Names.MAX_NAME).matches(DNS_LABEL);
    }
  }

  @Test
  void scheduleAndPushRunsSayWhatTheyAre() {
    assertThat(RunKey.forPush("o/r", "refs/heads/main", "s", "build").id())
        .startsWith("build-push-");
    assertThat(RunKey.forSchedule("o/r", "nightly", Instant.EPOCH).id())
        .startsWith("nightly-cron-");
  }

  @Test
  void sameTargetIgnoresShaAndAttempt() {
    RunKey a = RunKey.forChange("o/r", 1, "old", "job", 1);
    assertThat(a.sameTarget(RunKey.forChange("o/r", 1, "new", "job", 3))).isTrue();
    assertThat(a.sameTarget(RunKey.forChange("o/r", 2, "old", "job", 1))).isFalse();
    assertThat(a.sameTarget(RunKey.forChange("o/r", 1, "old", "other", 1))).isFalse();
  }

  @Test
  void contextsAndLabels() {
    assertThat(Names.statusContext("go-test")).isEqualTo("ci/go-test");
    assertThat(Names.GATE_CONTEXT).isEqualTo("ci/gate");
  }
}
