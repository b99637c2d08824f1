package dev.ciorchestrator.forge.local;

import static dev.ciorchestrator.forge.local.TestGitRepo.files;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ciorchestrator.domain.Answer;
import dev.ciorchestrator.domain.Change;
import dev.ciorchestrator.domain.ChangeState.JobRequest;
import dev.ciorchestrator.forge.command.Comment;
import dev.ciorchestrator.forge.command.Review;
import dev.ciorchestrator.forge.local.LocalChange.State;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalChangeViewTest {
  static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");
  static final List<String> TRUSTED = List.of("bob");
  static final String BOT = "ci-orchestrator";

  @TempDir Path dir;
  TestGitRepo repo;
  String mainTip;
  String head;

  @BeforeEach
  void setUp() throws Exception {
    repo = TestGitRepo.init(dir);
    mainTip =
        repo.commit("main", files("a.txt", "1\n2\n3\n4\n5\n", "b.txt", "b\n", "c.txt", "c\n"));
    head =
        repo.commit("feature", files("a.txt", "1\n2\n3\n4\nfive\n", "d/new.txt", "new\n"), "b.txt");
  }

  @AfterEach
  void tearDown() {
    repo.close();
  }

  LocalChange change(
      String headSha,
      List<String> labels,
      List<Comment> comments,
      List<Review> reviews,
      List<String> acked) {
    return new LocalChange(
        7,
        "demo/app",
        "Add feature",
        "alice",
        "feature",
        "main",
        true,
        State.OPEN,
        labels,
        comments,
        reviews,
        acked,
        headSha,
        T0,
        T0.minusSeconds(60),
        T0,
        "");
  }

  LocalChange withComments(Comment... comments) {
    return change(head, List.of(), List.of(comments), List.of(), List.of());
  }

  ViewedChange view(LocalChange c) throws IOException {
    return LocalChangeView.of(c, repo.gitDir(), TRUSTED, true, BOT);
  }

  static Comment comment(String id, String author, String body, int secondsAfterPush) {
    return new Comment(id, author, body, T0.plusSeconds(secondsAfterPush));
  }

  @Test
  void carriesTheChangeAndListsAddedModifiedAndDeletedFiles() throws IOException {
    Change c = view(withComments()).state().change();
    assertThat(c)
        .isEqualTo(
            new Change(
                "demo/app",
                7,
                "Add feature",
                "alice",
                true,
                List.of(),
                List.of(),
                "main",
                mainTip,
                "feature",
                head,
                List.of("a.txt", "b.txt", "d/new.txt"),
                true,
                T0.minusSeconds(60),
                T0));
  }

  @Test
  void filesAreOnlyTheChangesOwnWhenTheTargetMovedOn() throws Exception {
    String moved = repo.commit("main", files("c.txt", "c2\n", "e.txt", "e\n"));
    Change c = view(withComments()).state().change();
    assertThat(c.baseSha()).isEqualTo(moved).isNotEqualTo(mainTip);
    assertThat(c.files()).containsExactly("a.txt", "b.txt", "d/new.txt");
    assertThat(c.mergeable()).isTrue();
  }

  @Test
  void editsOfTheSameFileInDifferentPlacesStillMerge() throws Exception {
    repo.commit("main", files("a.txt", "one\n2\n3\n4\n5\n"));
    assertThat(view(withComments()).state().change().mergeable()).isTrue();
  }

  @Test
  void aConflictWithTheTargetIsNotMergeable() throws Exception {
    repo.commit("main", files("a.txt", "1\n2\n3\n4\nFIVE\n"));
    Change c = view(withComments()).state().change();
    assertThat(c.mergeable()).isFalse();
    assertThat(c.files()).containsExactly("a.txt", "b.txt", "d/new.txt");
  }

  @Test
  void neverWritesToTheSourceRepository() throws Exception {
    repo.commit("main", files("a.txt", "one\n2\n3\n4\n5\n"));
    repo.commit("other", "feature", files("x.txt", "x\n"));
    Map<String, String> before = repo.snapshot();
    // a clean content merge: the merged blob and trees are "inserted"
    assertThat(view(withComments()).state().change().mergeable()).isTrue();
    assertThat(repo.snapshot()).isEqualTo(before);
    repo.commit("main", files("a.txt", "one\n2\n3\n4\nFIVE\n"));
    Map<String, String> beforeConflict = repo.snapshot();
    assertThat(view(withComments()).state().change().mergeable()).isFalse();
    assertThat(repo.snapshot()).isEqualTo(beforeConflict);
  }

  @Test
  void approvalsComeFromCommentsAndReviewsButNotTheAuthor() throws IOException {
    LocalChange c =
        change(
            head,
            List.of(),
            List.of(comment("1", "carol", "/approve", 10), comment("2", "alice", "/approve", 11)),
            List.of(
                new Review("dave", Review.State.APPROVED, head, T0.plusSeconds(12)),
                new Review("alice", Review.State.APPROVED, head, T0.plusSeconds(13))),
            List.of());
    ViewedChange v = view(c);
    assertThat(v.state().change().approvals()).containsExactly("carol", "dave");
    assertThat(v.notes()).containsExactly("alice cannot approve their own change");
    assertThat(v.answers())
        .extracting(Answer::text)
        .containsExactly("approved", "the author cannot approve their own change");
  }

  @Test
  void approvalsBeforeThePushAreDismissed() throws IOException {
    ViewedChange v = view(withComments(comment("1", "carol", "/approve", -5)));
    assertThat(v.state().change().approvals()).isEmpty();
  }

  @Test
  void aHoldCommentIsAppliedToTheStoredLabelOnce() throws IOException {
    List<Comment> hold = List.of(comment("1", "carol", "/hold", 1));
    LocalChange c = change(head, List.of("area/ui"), hold, List.of(), List.of());
    ViewedChange v = view(c);
    assertThat(v.holdToApply()).isEqualTo("hold:on:1");
    assertThat(v.holdOn()).isTrue();
    assertThat(v.state().change().labels()).containsExactly("area/ui");

    LocalChange applied =
        change(head, List.of("area/ui", "hold"), hold, List.of(), List.of("hold:on:1"));
    assertThat(view(applied).holdToApply()).isEmpty();
    assertThat(view(applied).state().change().labels()).containsExactly("area/ui", "hold");
    // removed by hand afterwards: the command was applied, so the label stays as it was left
    LocalChange removed = change(head, List.of("area/ui"), hold, List.of(), List.of("hold:on:1"));
    assertThat(view(removed).holdToApply()).isEmpty();
  }

  @Test
  void theBotsOwnCommentsAreNeverCommands() throws IOException {
    LocalChange c =
        change(
            head,
            List.of(),
            List.of(
                comment("1", "CI-Orchestrator", "ignored:\n/hold\n/tset go\n/test all", 1),
                comment("2", "carol", "/test", 2)),
            List.of(),
            List.of());
    ViewedChange v = view(c);
    assertThat(v.holdToApply()).isEmpty();
    assertThat(v.state().requests()).isEmpty();
    assertThat(v.answers()).singleElement().satisfies(a -> assertThat(a.by()).isEqualTo("carol"));
  }

  @Test
  void aLabelSetByHandIsLiftedOnlyByATrustedUser() throws IOException {
    Comment carol = comment("1", "carol", "/unhold", 1);
    LocalChange byHand = change(head, List.of("hold"), List.of(carol), List.of(), List.of());
    ViewedChange refused = view(byHand);
    assertThat(refused.holdToApply()).isEmpty();
    assertThat(refused.answers())
        .extracting(Answer::outcome)
        .containsExactly(Answer.Outcome.REFUSED);

    Comment bob = comment("2", "bob", "/unhold", 2);
    LocalChange lifted = change(head, List.of("hold"), List.of(carol, bob), List.of(), List.of());
    assertThat(view(lifted).holdToApply()).isEqualTo("hold:off:2");
  }

  @Test
  void theHolderMayLiftAHoldTheirCommandPut() throws IOException {
    List<Comment> comments =
        List.of(comment("1", "carol", "/hold", 1), comment("2", "carol", "/unhold", 2));
    LocalChange held = change(head, List.of("hold"), comments, List.of(), List.of("hold:on:1"));
    assertThat(view(held).holdToApply()).isEqualTo("hold:off:2");
  }

  @Test
  void requestsAndOkToTestComeFromTheFold() throws IOException {
    LocalChange c =
        change(
            head,
            List.of(),
            List.of(
                comment("1", "bob", "/ok-to-test", 1),
                comment("2", "alice", "/test unit", 2),
                comment("3", "bob", "/test lint e2e", 3),
                comment("4", "alice", "/retest", 4),
                comment("5", "carol", "/retest", 5)),
            List.of(),
            List.of("3#0"));
    ViewedChange v = view(c);
    assertThat(v.state().okToTest()).isTrue();
    assertThat(v.state().okToTestForHead()).as("given after the push").isTrue();
    assertThat(v.state().requests())
        .containsExactly(
            new JobRequest("2", "unit", "alice", false, T0.plusSeconds(2)),
            new JobRequest("3#1", "e2e", "bob", false, T0.plusSeconds(3)),
            new JobRequest("4", "", "alice", true, T0.plusSeconds(4)));
    assertThat(v.answers())
        .extracting(Answer::by, Answer::outcome)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("bob", Answer.Outcome.DONE),
            org.assertj.core.groups.Tuple.tuple("carol", Answer.Outcome.REFUSED));
  }

  @Test
  void okToTestFromAnUntrustedUserDoesNotCount() throws IOException {
    ViewedChange v = view(withComments(comment("1", "mallory", "/ok-to-test", 1)));
    assertThat(v.state().okToTest()).isFalse();
    assertThat(v.answers())
        .extracting(Answer::text)
        .containsExactly("only a trusted user can /ok-to-test");
  }

  @Test
  void aMissingTargetBranchIsNamed() {
    LocalChange c =
        new LocalChange(
            7,
            "demo/app",
            "t",
            "alice",
            "feature",
            "release",
            false,
            State.OPEN,
            null,
            null,
            null,
            null,
            head,
            T0,
            T0,
            T0,
            "");
    assertThatThrownBy(() -> view(c))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("target branch 'release' not found");
  }

  @Test
  void aMissingHeadCommitIsNamed() {
    String missing = "0123456789abcdef0123456789abcdef01234567";
    assertThatThrownBy(() -> view(change(missing, List.of(), List.of(), List.of(), List.of())))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("head commit '" + missing + "' not found");
    assertThatThrownBy(() -> view(change("feature", List.of(), List.of(), List.of(), List.of())))
        .hasMessageContaining("head commit 'feature' not found");
  }

  @Test
  void aMissingRepositoryIsAnError() {
    assertThatThrownBy(
            () -> LocalChangeView.of(withComments(), dir.resolve("nope"), TRUSTED, true, BOT))
        .isInstanceOf(IOException.class);
  }
}
