package dev.ciorchestrator.forge.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.ciorchestrator.forge.command.Comment;
import dev.ciorchestrator.forge.command.Review;
import dev.ciorchestrator.forge.local.LocalChange.State;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalForgeStoreTest {
  static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");
  static final Instant T1 = T0.plusSeconds(60);
  static final Instant CLOCK = T0.plusSeconds(3600);
  static final String A = "a".repeat(40);
  static final String B = "b".repeat(40);
  static final String M = "c".repeat(40);

  @TempDir Path dir;
  LocalForgeStore store;

  @BeforeEach
  void setUp() throws IOException {
    store = new LocalForgeStore(dir.resolve("forge.json"), Clock.fixed(CLOCK, ZoneOffset.UTC));
  }

  private static final java.util.concurrent.atomic.AtomicInteger BRANCHES =
      new java.util.concurrent.atomic.AtomicInteger();

  /** A change from a branch of its own: a branch has at most one open change. */
  static LocalChange openOne(LocalForgeStore store, String repo) throws IOException {
    String source = "feature-" + BRANCHES.incrementAndGet();
    return store.open(repo, "Add feature", "alice", source, "main", false, A, T0);
  }

  @Test
  void aBranchHasAtMostOneOpenChange() throws IOException {
    store.open("demo/app", "One", "alice", "feature", "main", false, A, T0);
    assertThatThrownBy(
            () -> store.open("demo/app", "Two", "bob", "feature", "release", false, B, T1))
        .isInstanceOf(ChangeConflict.class)
        .hasMessage("branch feature already has an open change: demo/app#1")
        .extracting(e -> ((ChangeConflict) e).field())
        .isEqualTo("sourceBranch");
    assertThat(
            store.open("demo/lib", "Other repo", "bob", "feature", "main", false, B, T1).number())
        .isEqualTo(1);
    store.close("demo/app", 1);
    assertThat(store.open("demo/app", "Again", "bob", "feature", "main", false, B, T1).number())
        .isEqualTo(2);
    assertThatThrownBy(
            () -> store.open("demo/app", "Three", "bob", "feature", "main", false, B, T1))
        .hasMessage("branch feature already has an open change: demo/app#2");
    assertThat(store.all("demo/app")).hasSize(2);
  }

  @Test
  void aReviewWithoutACommitIsOfTheHead() throws IOException {
    openOne(store, "demo/app");
    store.setHead("demo/app", 1, B, T1);
    LocalChange c = store.review("demo/app", 1, "bob", Review.State.APPROVED, null, T1);
    assertThat(c.reviews()).extracting(Review::commitSha).containsExactly(B);
  }

  @Test
  void openStartsAnOpenChangeWithEverythingStamped() throws IOException {
    LocalChange c = store.open("demo/app", "Add feature", "alice", "feature", "main", true, A, T0);
    assertThat(c)
        .isEqualTo(
            new LocalChange(
                1,
                "demo/app",
                "Add feature",
                "alice",
                "feature",
                "main",
                true,
                State.OPEN,
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                A,
                T0,
                T0,
                T0,
                ""));
    assertThat(c.ref()).isEqualTo("demo/app#1");
    assertThat(store.get("demo/app", 1)).contains(c);
  }

  @Test
  void numbersStartAtOnePerRepoAndNeverRepeat() throws IOException {
    assertThat(openOne(store, "demo/app").number()).isEqualTo(1);
    assertThat(openOne(store, "demo/app").number()).isEqualTo(2);
    assertThat(openOne(store, "demo/lib").number()).isEqualTo(1);
    store.close("demo/app", 2);
    assertThat(openOne(store, "demo/app").number()).isEqualTo(3);
    assertThat(store.repos()).containsExactly("demo/app", "demo/lib");
  }

  @Test
  void openListsOnlyOpenChangesByNumber() throws IOException {
    for (int i = 0; i < 4; i++) {
      openOne(store, "demo/app");
    }
    store.close("demo/app", 2);
    store.markMerged("demo/app", 3, M);
    assertThat(store.open("demo/app")).extracting(LocalChange::number).containsExactly(1L, 4L);
    assertThat(store.all("demo/app"))
        .extracting(LocalChange::number, LocalChange::state)
        .containsExactly(
            tuple(1L, LocalChange.State.OPEN),
            tuple(2L, LocalChange.State.CLOSED),
            tuple(3L, LocalChange.State.MERGED),
            tuple(4L, LocalChange.State.OPEN));
    assertThat(store.open("demo/none")).isEmpty();
    assertThat(store.get("demo/app", 9)).isEmpty();
  }

  @Test
  void commentsGetStableIdsUniqueAcrossRepos() throws IOException {
    openOne(store, "demo/app");
    openOne(store, "demo/lib");
    store.comment("demo/app", 1, "bob", "/test all", T0);
    store.comment("demo/lib", 1, "bob", "/retest", T0);
    LocalChange c = store.comment("demo/app", 1, "carol", "lgtm", T1);
    assertThat(c.comments())
        .containsExactly(
            new Comment("c1", "bob", "/test all", T0), new Comment("c3", "carol", "lgtm", T1));
    assertThat(c.updatedAt()).isEqualTo(T1);
  }

  @Test
  void reviewRecordsTheCommitTheReviewerSaw() throws IOException {
    openOne(store, "demo/app");
    LocalChange c = store.review("demo/app", 1, "bob", Review.State.APPROVED, A, T1);
    assertThat(c.reviews()).containsExactly(new Review("bob", Review.State.APPROVED, A, T1));
    assertThat(c.updatedAt()).isEqualTo(T1);
  }

  @Test
  void labelIsIdempotentBothWays() throws IOException {
    openOne(store, "demo/app");
    store.label("demo/app", 1, "lgtm", true);
    assertThat(store.label("demo/app", 1, "lgtm", true).labels()).containsExactly("lgtm");
    assertThat(store.label("demo/app", 1, "lgtm", false).labels()).isEmpty();
    LocalChange c = store.label("demo/app", 1, "lgtm", false);
    assertThat(c.labels()).isEmpty();
    assertThat(c.updatedAt()).isEqualTo(CLOCK);
  }

  @Test
  void setHeadIsAPushAndRepushingTheSameHeadChangesNothing() throws IOException {
    openOne(store, "demo/app");
    LocalChange pushed = store.setHead("demo/app", 1, B, T1);
    assertThat(pushed.headSha()).isEqualTo(B);
    assertThat(pushed.headPushedAt()).isEqualTo(T1);
    assertThat(store.setHead("demo/app", 1, B, T1.plusSeconds(9))).isEqualTo(pushed);
  }

  @Test
  void acknowledgeIsIdempotentLeavesUpdatedAtAndWorksAfterClose() throws IOException {
    openOne(store, "demo/app");
    store.acknowledge("demo/app", 1, "c1");
    store.close("demo/app", 1);
    store.acknowledge("demo/app", 1, "c1");
    LocalChange c = store.acknowledge("demo/app", 1, "c2");
    assertThat(c.acknowledged()).containsExactly("c1", "c2");
    assertThat(c.updatedAt()).isEqualTo(CLOCK); // from the close, not from the acks
  }

  @Test
  void closeAndMarkMergedAreFinalAndRepeatable() throws IOException {
    openOne(store, "demo/app");
    openOne(store, "demo/app");
    LocalChange closed = store.close("demo/app", 1);
    assertThat(closed.state()).isEqualTo(State.CLOSED);
    assertThat(store.close("demo/app", 1)).isEqualTo(closed);
    LocalChange merged = store.markMerged("demo/app", 2, M);
    assertThat(merged.state()).isEqualTo(State.MERGED);
    assertThat(merged.mergeSha()).isEqualTo(M);
    assertThat(merged.updatedAt()).isEqualTo(CLOCK);
    assertThat(store.markMerged("demo/app", 2, M)).isEqualTo(merged);
  }

  @Test
  void closedAndMergedChangesRefuseUpdates() throws IOException {
    openOne(store, "demo/app");
    openOne(store, "demo/app");
    store.close("demo/app", 1);
    store.markMerged("demo/app", 2, M);
    String closed = "change demo/app#1 is closed";
    String merged = "change demo/app#2 is merged";
    assertRefused(() -> store.comment("demo/app", 1, "bob", "hi", T1), closed);
    assertRefused(() -> store.review("demo/app", 1, "bob", Review.State.APPROVED, A, T1), closed);
    assertRefused(() -> store.label("demo/app", 1, "x", true), closed);
    assertRefused(() -> store.setHead("demo/app", 1, B, T1), closed);
    assertRefused(() -> store.markMerged("demo/app", 1, M), closed);
    assertRefused(() -> store.close("demo/app", 2), merged);
    assertRefused(() -> store.markMerged("demo/app", 2, B), merged);
    assertRefused(() -> store.comment("demo/app", 2, "bob", "hi", T1), merged);
  }

  @Test
  void invalidInputIsRefusedNamingTheField() throws IOException {
    assertRefused(
        () -> store.open("demo/app", " ", "al", "f", "main", false, A, T0),
        "title must not be empty");
    assertRefused(
        () -> store.open("demo/app", "t", "", "f", "main", false, A, T0),
        "author must not be empty");
    assertRefused(
        () -> store.open("demo/app", "t", "al", "main", "main", false, A, T0),
        "sourceBranch must differ from targetBranch");
    assertRefused(
        () -> store.open("demo", "t", "al", "f", "main", false, A, T0),
        "repo must be owner/name: demo");
    assertRefused(
        () -> store.open("demo/app", "t", "al", "f", "main", false, "abc", T0),
        "headSha must be a full lowercase hex commit id: abc");
    assertRefused(
        () -> store.open("demo/app", "t", "al", "f", "main", false, A, null),
        "now must not be null");
    assertRefused(() -> store.comment("demo/app", 7, "bob", "hi", T0), "no change demo/app#7");
    openOne(store, "demo/app");
    assertRefused(() -> store.comment("demo/app", 1, "bob", "", T0), "body must not be empty");
    assertRefused(() -> store.review("demo/app", 1, "bob", null, A, T0), "state must not be null");
    assertRefused(() -> store.label("demo/app", 1, null, true), "label must not be empty");
    assertRefused(() -> store.acknowledge("demo/app", 1, ""), "requestId must not be empty");
    assertRefused(() -> store.close("demo/app", 0), "number must be positive: 0");
    assertThat(store.open("demo/app")).hasSize(1);
  }

  interface Call {
    void run() throws IOException;
  }

  static void assertRefused(Call call, String message) {
    assertThatThrownBy(call::run).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
  }
}
