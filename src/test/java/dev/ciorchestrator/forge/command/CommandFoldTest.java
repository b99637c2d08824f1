package dev.ciorchestrator.forge.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.domain.Answer;
import dev.ciorchestrator.domain.ChangeState.JobRequest;
import dev.ciorchestrator.forge.command.Review.State;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Author is alice, tom is the one trusted user, the head is {@code head111}; rows with {@code
 * pushed(m)} say it was pushed at minute m (else the push time is unknown). Answers read {@code
 * <key> <outcome> <command> by <who>: <text>}.
 */
class CommandFoldTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final String HEAD = "head111";
  private static final String HELD =
      "DONE /hold by %s: held: the change does not merge until /unhold";

  static Stream<Arguments> rows() {
    return Stream.of(
        row("nothing said", given(), expect()),
        row(
            "approve",
            given(c("1", "bob", 1, "/approve")),
            expect().approvals("bob").answers("1/0 DONE /approve by bob: approved")),
        row(
            "lgtm and approve are separate",
            given(
                c("1", "bob", 1, "/lgtm"),
                c("2", "zoe", 2, "/approve\n/lgtm"),
                c("3", "bob", 3, "/approve cancel")),
            expect()
                .approvals("zoe")
                .lgtm("bob", "zoe")
                .answers(
                    "1/0 DONE /lgtm by bob: lgtm given",
                    "2/0 DONE /approve by zoe: approved",
                    "2/1 DONE /lgtm by zoe: lgtm given",
                    "3/0 DONE /approve cancel by bob: approve withdrawn")),
        row(
            "self-approval by comment is answered, not counted",
            given(
                c("1", "alice", 1, "/approve"),
                c("2", "Alice", 2, "/lgtm"),
                c("3", "alice", 3, "/lgtm cancel")),
            expect()
                .answers(
                    "1/0 REFUSED /approve by alice: the author cannot approve their own change",
                    "2/0 REFUSED /lgtm by Alice: the author cannot lgtm their own change",
                    "3/0 NOTHING_TO_DO /lgtm cancel by alice: nothing to withdraw")),
        row(
            "self-approval by review is a note",
            given(c("1", "bob", 1, "/approve")).reviews(r("alice", State.APPROVED, HEAD, 2)),
            expect()
                .approvals("bob")
                .answers("1/0 DONE /approve by bob: approved")
                .notes("alice cannot approve their own change")),
        row(
            "newest wins by time, not list order",
            given(c("2", "bob", 2, "/lgtm cancel"), c("1", "bob", 1, "/lgtm")),
            expect()
                .answers(
                    "1/0 DONE /lgtm by bob: lgtm given",
                    "2/0 DONE /lgtm cancel by bob: lgtm withdrawn")),
        row(
            "changes requested withdraws an approval",
            given()
                .reviews(
                    r("bob", State.APPROVED, HEAD, 1), r("bob", State.CHANGES_REQUESTED, HEAD, 2)),
            expect()),
        row(
            "comment review leaves the approval",
            given().reviews(r("bob", State.APPROVED, HEAD, 1), r("bob", State.COMMENTED, HEAD, 2)),
            expect().approvals("bob")),
        row(
            "dismissed review withdraws",
            given().reviews(r("bob", State.APPROVED, HEAD, 1), r("bob", State.DISMISSED, HEAD, 2)),
            expect()),
        row(
            "old-SHA review counts without dismissOnPush",
            given().reviews(r("bob", State.APPROVED, "old0000", 1)),
            expect().approvals("bob")),
        row(
            "old-SHA review dismissed on push, with a note",
            given()
                .dismiss()
                .reviews(r("bob", State.APPROVED, "old0000", 1), r("zoe", State.APPROVED, HEAD, 2)),
            expect()
                .approvals("zoe")
                .notes("/approve by bob is not counted: review of old0000, not the head")),
        row(
            "before the push: votes dismissed with a note, commands not answered",
            given(
                    c("1", "bob", 5, "/approve"),
                    c("2", "zoe", 11, "/approve"),
                    c("3", "eve", 10, "/lgtm\n/tset all"))
                .dismiss()
                .pushed(10),
            expect()
                .approvals("zoe")
                .answers("2/0 DONE /approve by zoe: approved")
                .notes(
                    "/approve by bob is not counted: given before the latest push",
                    "/lgtm by eve is not counted: given before the latest push")),
        row(
            "unknown push time: comments count and are answered",
            given(c("1", "bob", 5, "/approve")).dismiss(),
            expect().approvals("bob").answers("1/0 DONE /approve by bob: approved")),
        row(
            "trusted ok-to-test, push time unknown: not proven for this head",
            given(c("1", "TOM", 1, "/ok-to-test")),
            expect().okToTest(false).answers("1/0 DONE /ok-to-test by TOM: jobs may run")),
        row(
            "trusted ok-to-test after the push covers the head",
            given(c("1", "tom", 11, "/ok-to-test")).pushed(10),
            expect().okToTest(true).answers("1/0 DONE /ok-to-test by tom: jobs may run")),
        row(
            "trusted ok-to-test before the push covers an earlier head only",
            given(c("1", "tom", 9, "/ok-to-test")).pushed(10),
            expect().okToTest(false)),
        row(
            "first sight: earlier comments count and are answered, but prove no ok-to-test",
            given(c("1", "bob", 5, "/approve"), c("2", "tom", 6, "/ok-to-test"))
                .dismiss()
                .firstSeen(10),
            expect()
                .okToTest(false)
                .approvals("bob")
                .answers(
                    "1/0 DONE /approve by bob: approved",
                    "2/0 DONE /ok-to-test by tom: jobs may run")),
        row(
            "first sight: an ok-to-test after it is proven for the head",
            given(c("1", "tom", 11, "/ok-to-test")).firstSeen(10),
            expect().okToTest(true).answers("1/0 DONE /ok-to-test by tom: jobs may run")),
        row(
            "untrusted ok-to-test refused",
            given(c("1", "mallory", 1, "/ok-to-test")),
            expect()
                .answers(
                    "1/0 REFUSED /ok-to-test by mallory: only a trusted user can /ok-to-test")),
        row(
            "anyone can hold",
            given(c("1", "mallory", 1, "/hold")),
            expect().held("1").answers("1/0 " + HELD.formatted("mallory"))),
        row(
            "the holder lifts their own hold",
            given(c("1", "bob", 1, "/hold"), c("2", "Bob", 2, "/unhold")),
            expect()
                .lifted("2")
                .answers("1/0 " + HELD.formatted("bob"), "2/0 DONE /unhold by Bob: hold lifted")),
        row(
            "an untrusted user cannot lift someone else's hold",
            given(c("1", "bob", 1, "/hold"), c("2", "mallory", 2, "/hold cancel")),
            expect()
                .held("1")
                .answers(
                    "1/0 " + HELD.formatted("bob"),
                    "2/0 REFUSED /unhold by mallory: only a trusted user or the one who placed the"
                        + " hold may lift it")),
        row(
            "a trusted user lifts anyone's hold",
            given(c("1", "mallory", 1, "/hold"), c("2", "tom", 2, "/unhold")),
            expect()
                .lifted("2")
                .answers(
                    "1/0 " + HELD.formatted("mallory"), "2/0 DONE /unhold by tom: hold lifted")),
        row(
            "a hold someone joined is not one untrusted user's to lift",
            given(
                c("1", "bob", 1, "/hold"), c("2", "zoe", 2, "/hold"), c("3", "bob", 3, "/unhold")),
            expect()
                .held("2")
                .answers(
                    "1/0 " + HELD.formatted("bob"),
                    "2/0 " + HELD.formatted("zoe"),
                    "3/0 REFUSED /unhold by bob: only a trusted user or the one who placed the hold"
                        + " may lift it")),
        row(
            "a label set by hand is nobody's to lift but a trusted user's",
            given(c("1", "mallory", 1, "/hold"), c("2", "mallory", 2, "/unhold")).labelledByHand(),
            expect()
                .held("1")
                .answers(
                    "1/0 " + HELD.formatted("mallory"),
                    "2/0 REFUSED /unhold by mallory: only a trusted user or the one who placed the"
                        + " hold may lift it")),
        row(
            "unhold with nothing held",
            given(c("1", "mallory", 1, "/unhold")),
            expect()
                .answers(
                    "1/0 NOTHING_TO_DO /unhold by mallory: nothing to lift: the change is not held")),
        row(
            "requests of the author and of trusted users, in comment order",
            given(c("b", "tom", 2, "/retest"), c("a", "alice", 1, "/test unit")),
            expect().requests(req("a", "unit", "alice", false, 1), req("b", "", "tom", true, 2))),
        row(
            "an untrusted user may not test another author's change",
            given(c("1", "mallory", 1, "/test all\n/retest\n/lint")),
            expect()
                .answers(
                    "1/0:all REFUSED /test all by mallory: only a trusted user or the change's author"
                        + " may /test it",
                    "1/1 REFUSED /retest by mallory: only a trusted user or the change's author may"
                        + " /retest it",
                    "1/2:/lint REFUSED /lint by mallory: only a trusted user or the change's author"
                        + " may /lint it")),
        row(
            "multi-job test gets positional ids",
            given(c("7", "tom", 1, "/test unit lint")),
            expect()
                .requests(
                    req("7#0", "unit", "tom", false, 1), req("7#1", "lint", "tom", false, 1))),
        row(
            "a job's own command is a request",
            given(c("7", "alice", 1, "/lint")),
            expect().requests(req("7", "/lint", "alice", false, 1))),
        row(
            "acknowledged requests dropped",
            given(c("7", "tom", 1, "/test unit lint"), c("8", "tom", 2, "/test all"))
                .acked("7#0", "8"),
            expect().requests(req("7#1", "lint", "tom", false, 1))),
        row(
            "invalid command answered, others in the comment still apply",
            given(c("1", "bob", 1, "/test\n/approve")),
            expect()
                .approvals("bob")
                .answers(
                    "1/0 REFUSED /test by bob: /test needs a job name or 'all'",
                    "1/1 DONE /approve by bob: approved")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void folds(String name, Given given, Expect expected) {
    FoldedState state = CommandFold.fold(given.input());

    assertThat(state.okToTest()).as("okToTest").isEqualTo(expected.okToTest());
    assertThat(state.okToTestForHead()).as("okToTestForHead").isEqualTo(expected.forHead());
    assertThat(state.hold()).as("hold").isEqualTo(expected.hold());
    assertThat(state.holdCommandId()).as("holdCommandId").isEqualTo(expected.holdId());
    assertThat(state.approvals()).as("approvals").isEqualTo(expected.approvals());
    assertThat(state.lgtm()).as("lgtm").isEqualTo(expected.lgtm());
    assertThat(state.requests()).as("requests").isEqualTo(expected.requests());
    assertThat(state.answers().stream().map(CommandFoldTest::render).toList())
        .as("answers")
        .isEqualTo(expected.answers());
    assertThat(state.notes()).as("notes").isEqualTo(expected.notes());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void foldingTwiceGivesTheSameState(String name, Given given, Expect expected) {
    assertThat(CommandFold.fold(given.input())).isEqualTo(CommandFold.fold(given.input()));
  }

  private static String render(Answer a) {
    return a.key() + " " + a.outcome() + " " + a.command() + " by " + a.by() + ": " + a.text();
  }

  private static Arguments row(String name, Given given, Expect expected) {
    return Arguments.of(name, given, expected);
  }

  private static Comment c(String id, String author, int minute, String body) {
    return new Comment(id, author, body, T0.plusSeconds(60L * minute));
  }

  private static Review r(String author, State state, String sha, int minute) {
    return new Review(author, state, sha, T0.plusSeconds(60L * minute));
  }

  private static JobRequest req(String id, String job, String by, boolean retest, int minute) {
    return new JobRequest(id, job, by, retest, T0.plusSeconds(60L * minute));
  }

  private static Given given(Comment... comments) {
    return new Given(List.of(comments), List.of(), false, null, false, Set.of(), false);
  }

  private static Expect expect() {
    return new Expect(
        false, false, false, "", List.of(), List.of(), List.of(), List.of(), List.of());
  }

  record Given(
      List<Comment> comments,
      List<Review> reviews,
      boolean dismissOnPush,
      Instant pushedAt,
      boolean firstSight,
      Set<String> acked,
      boolean byHand) {
    Given reviews(Review... rs) {
      return new Given(comments, List.of(rs), dismissOnPush, pushedAt, firstSight, acked, byHand);
    }

    Given dismiss() {
      return new Given(comments, reviews, true, pushedAt, firstSight, acked, byHand);
    }

    Given pushed(int minute) {
      return new Given(
          comments, reviews, dismissOnPush, T0.plusSeconds(60L * minute), false, acked, byHand);
    }

    Given firstSeen(int minute) {
      return new Given(
          comments, reviews, dismissOnPush, T0.plusSeconds(60L * minute), true, acked, byHand);
    }

    Given acked(String... ids) {
      return new Given(comments, reviews, dismissOnPush, pushedAt, firstSight, Set.of(ids), byHand);
    }

    Given labelledByHand() {
      return new Given(comments, reviews, dismissOnPush, pushedAt, firstSight, acked, true);
    }

    FoldInput input() {
      return new FoldInput(
          "alice",
          List.of("tom"),
          HEAD,
          pushedAt,
          firstSight,
          dismissOnPush,
          comments,
          reviews,
          acked,
          byHand);
    }
  }

  record Expect(
      boolean okToTest,
      boolean forHead,
      boolean hold,
      String holdId,
      List<String> approvals,
      List<String> lgtm,
      List<JobRequest> requests,
      List<String> answers,
      List<String> notes) {
    Expect okToTest(boolean forHead) {
      return new Expect(true, forHead, hold, holdId, approvals, lgtm, requests, answers, notes);
    }

    Expect held(String id) {
      return new Expect(okToTest, forHead, true, id, approvals, lgtm, requests, answers, notes);
    }

    Expect lifted(String id) {
      return new Expect(okToTest, forHead, false, id, approvals, lgtm, requests, answers, notes);
    }

    Expect approvals(String... logins) {
      return new Expect(
          okToTest, forHead, hold, holdId, List.of(logins), lgtm, requests, answers, notes);
    }

    Expect lgtm(String... logins) {
      return new Expect(
          okToTest, forHead, hold, holdId, approvals, List.of(logins), requests, answers, notes);
    }

    Expect requests(JobRequest... rs) {
      return new Expect(
          okToTest, forHead, hold, holdId, approvals, lgtm, List.of(rs), answers, notes);
    }

    Expect answers(String... lines) {
      return new Expect(
          okToTest, forHead, hold, holdId, approvals, lgtm, requests, List.of(lines), notes);
    }

    Expect notes(String... lines) {
      return new Expect(
          okToTest, forHead, hold, holdId, approvals, lgtm, requests, answers, List.of(lines));
    }
  }
}
