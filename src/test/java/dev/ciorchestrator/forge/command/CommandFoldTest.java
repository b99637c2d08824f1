package dev.ciorchestrator.forge.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.domain.ChangeState.JobRequest;
import dev.ciorchestrator.forge.command.Review.State;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Author is alice, tom is trusted, the head is {@code head111}, pushed at minute 10 if known. */
class CommandFoldTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final String HEAD = "head111";

  static Stream<Arguments> rows() {
    return Stream.of(
        row("nothing said", given(), expect()),
        row("approve", given(c("1", "bob", 1, "/approve")), expect().approvals("bob")),
        row(
            "lgtm and approve are separate",
            given(
                c("1", "bob", 1, "/lgtm"),
                c("2", "zoe", 2, "/approve\n/lgtm"),
                c("3", "bob", 3, "/approve cancel")),
            expect().approvals("zoe").lgtm("bob", "zoe")),
        row(
            "self-approval refused",
            given(
                c("1", "alice", 1, "/approve"),
                c("2", "Alice", 2, "/lgtm"),
                c("3", "alice", 3, "/lgtm cancel")),
            expect()
                .ignored(
                    "alice cannot approve their own change", "Alice cannot lgtm their own change")),
        row(
            "self-approval by review refused",
            given(c("1", "bob", 1, "/approve")).reviews(r("alice", State.APPROVED, HEAD, 2)),
            expect().approvals("bob").ignored("alice cannot approve their own change")),
        row(
            "approve then cancel",
            given(c("1", "bob", 1, "/approve"), c("2", "bob", 2, "/approve cancel")),
            expect()),
        row(
            "cancel then approve",
            given(c("1", "bob", 1, "/approve cancel"), c("2", "bob", 2, "/approve")),
            expect().approvals("bob")),
        row(
            "newest wins by time, not list order",
            given(c("2", "bob", 2, "/lgtm cancel"), c("1", "bob", 1, "/lgtm")),
            expect()),
        row(
            "approvals sorted and distinct",
            given(c("1", "zoe", 1, "/approve"), c("2", "bob", 2, "/approve\n/approve"))
                .reviews(r("bob", State.APPROVED, HEAD, 3)),
            expect().approvals("bob", "zoe")),
        row(
            "changes requested withdraws an approval",
            given(c("1", "bob", 1, "/approve")).reviews(r("bob", State.CHANGES_REQUESTED, HEAD, 2)),
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
            "old-SHA review dismissed on push",
            given()
                .dismiss(null)
                .reviews(r("bob", State.APPROVED, "old0000", 1), r("zoe", State.APPROVED, HEAD, 2)),
            expect()
                .approvals("zoe")
                .ignored("/approve by bob ignored: review of old0000, not the head")),
        row(
            "approve comment before push dismissed, after push counts",
            given(
                    c("1", "bob", 5, "/approve"),
                    c("2", "zoe", 11, "/approve"),
                    c("3", "eve", 10, "/lgtm"))
                .dismiss(T0.plusSeconds(600)),
            expect()
                .approvals("zoe")
                .ignored(
                    "/approve by bob ignored: given before the latest push",
                    "/lgtm by eve ignored: given before the latest push")),
        row(
            "unknown push time: comments count",
            given(c("1", "bob", 5, "/approve")).dismiss(null),
            expect().approvals("bob")),
        row("trusted ok-to-test", given(c("1", "TOM", 1, "/ok-to-test")), expect().trusted()),
        row(
            "untrusted ok-to-test ignored",
            given(c("1", "mallory", 1, "/ok-to-test")),
            expect().ignored("/ok-to-test by mallory ignored: not trusted")),
        row("anyone can hold", given(c("1", "mallory", 1, "/hold")), expect().held()),
        row(
            "hold then unhold",
            given(c("1", "bob", 1, "/hold"), c("2", "zoe", 2, "/unhold")),
            expect()),
        row(
            "hold cancel then hold",
            given(c("1", "bob", 1, "/hold cancel"), c("2", "bob", 2, "/hold")),
            expect().held()),
        row(
            "requests from untrusted users kept, in comment order",
            given(c("b", "mallory", 2, "/retest"), c("a", "alice", 1, "/test unit")),
            expect().requests(req("a", "unit", "alice", false), req("b", "", "mallory", true))),
        row(
            "multi-job test gets positional ids",
            given(c("7", "bob", 1, "/test unit lint")),
            expect().requests(req("7#0", "unit", "bob", false), req("7#1", "lint", "bob", false))),
        row(
            "acknowledged requests dropped",
            given(c("7", "bob", 1, "/test unit lint"), c("8", "bob", 2, "/test all"))
                .acked("7#0", "8"),
            expect().requests(req("7#1", "lint", "bob", false))),
        row(
            "invalid command reported, others in the comment still apply",
            given(c("1", "bob", 1, "/test\n/approve")),
            expect()
                .approvals("bob")
                .ignored("'/test' by bob ignored: /test needs a job name or 'all'")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void folds(String name, Given given, Expect expected) {
    assertThat(CommandFold.fold(given.input())).isEqualTo(expected.state());
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

  private static JobRequest req(String id, String job, String by, boolean retest) {
    return new JobRequest(id, job, by, retest);
  }

  private static Given given(Comment... comments) {
    return new Given(List.of(comments), List.of(), false, null, Set.of());
  }

  private static Expect expect() {
    return new Expect(false, false, List.of(), List.of(), List.of(), List.of());
  }

  record Given(
      List<Comment> comments,
      List<Review> reviews,
      boolean dismissOnPush,
      Instant pushedAt,
      Set<String> acked) {
    Given reviews(Review... rs) {
      return new Given(comments, List.of(rs), dismissOnPush, pushedAt, acked);
    }

    Given dismiss(Instant at) {
      return new Given(comments, reviews, true, at, acked);
    }

    Given acked(String... ids) {
      return new Given(comments, reviews, dismissOnPush, pushedAt, Set.of(ids));
    }

    FoldInput input() {
      return new FoldInput(
          "alice", List.of("tom"), HEAD, pushedAt, dismissOnPush, comments, reviews, acked);
    }
  }

  record Expect(
      boolean okToTest,
      boolean hold,
      List<String> approvals,
      List<String> lgtm,
      List<JobRequest> requests,
      List<String> ignored) {
    Expect trusted() {
      return new Expect(true, hold, approvals, lgtm, requests, ignored);
    }

    Expect held() {
      return new Expect(okToTest, true, approvals, lgtm, requests, ignored);
    }

    Expect approvals(String... logins) {
      return new Expect(okToTest, hold, List.of(logins), lgtm, requests, ignored);
    }

    Expect lgtm(String... logins) {
      return new Expect(okToTest, hold, approvals, List.of(logins), requests, ignored);
    }

    Expect requests(JobRequest... rs) {
      return new Expect(okToTest, hold, approvals, lgtm, List.of(rs), ignored);
    }

    Expect ignored(String... reasons) {
      return new Expect(okToTest, hold, approvals, lgtm, requests, List.of(reasons));
    }

    FoldedState state() {
      return new FoldedState(okToTest, hold, approvals, lgtm, requests, ignored);
    }
  }
}
