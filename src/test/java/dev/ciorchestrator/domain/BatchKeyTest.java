package dev.ciorchestrator.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ciorchestrator.domain.BatchKey.Member;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A batch's identity is its base and its ordered changes at their heads, and nothing else. */
class BatchKeyTest {
  private static final String BASE = "b".repeat(40);
  private static final BatchKey BATCH =
      new BatchKey(
          "o/r", "main", BASE, List.of(new Member(12, "a".repeat(40)), new Member(15, "c")));

  @Test
  void theSameBatchAlwaysHasTheSameId() {
    BatchKey again =
        new BatchKey(
            "o/r", "main", BASE, List.of(new Member(12, "a".repeat(40)), new Member(15, "c")));
    assertThat(again.id()).isEqualTo(BATCH.id()).hasSize(16).matches("[0-9a-f]{16}");
  }

  @Test
  void everyPartOfTheBatchChangesTheId() {
    Set<String> ids = new HashSet<>();
    ids.add(BATCH.id());
    ids.add(new BatchKey("o/x", "main", BASE, BATCH.members()).id());
    ids.add(new BatchKey("o/r", "dev", BASE, BATCH.members()).id());
    ids.add(new BatchKey("o/r", "main", "d".repeat(40), BATCH.members()).id());
    ids.add(
        new BatchKey("o/r", "main", BASE, List.of(BATCH.members().get(1), BATCH.members().get(0)))
            .id());
    ids.add(
        new BatchKey(
                "o/r", "main", BASE, List.of(new Member(12, "a".repeat(40)), new Member(15, "e")))
            .id());
    ids.add(new BatchKey("o/r", "main", BASE, List.of(new Member(12, "a".repeat(40)))).id());
    assertThat(ids).hasSize(7);
  }

  @Test
  void aBatchRunNamesItsBatchAndBranchAndIsAValidKubernetesName() {
    RunKey key = BATCH.runKey("f".repeat(40), "go-test", 2);
    assertThat(key.batch()).isTrue();
    assertThat(key.change()).isZero();
    assertThat(key.batchId()).isEqualTo(BATCH.id());
    assertThat(key.batchBranch()).isEqualTo("main");
    assertThat(key.id()).startsWith("go-test-queue-").matches("^[a-z0-9]([a-z0-9-]*[a-z0-9])?$");
    assertThat(RunKey.forBatch("o/r", "user@x/y", "0123", "s", "j", 1).batchBranch())
        .isEqualTo("user@x/y");
  }

  @Test
  void otherRunsAreNoBatchRuns() {
    assertThat(RunKey.forPush("o/r", "main", "s", "j").batch()).isFalse();
    assertThat(RunKey.forPush("o/r", "main", "s", "j").batchId()).isEmpty();
    assertThat(RunKey.forChange("o/r", 1, "s", "j", 1).batch()).isFalse();
  }

  @Test
  void aBatchHasAtLeastOneChange() {
    assertThatThrownBy(() -> new BatchKey("o/r", "main", BASE, List.of()))
        .hasMessageContaining("at least one change");
  }
}
