package dev.ciorchestrator.forge.command;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Everything {@link CommandFold} needs about one change.
 *
 * @param trustedUsers logins whose {@code /ok-to-test} counts and who may use every command on
 *     every change (the repository's trusted users)
 * @param headPushedAt when the head SHA was pushed (or when the adapter saw it move); null when the
 *     forge cannot say: then approval comments are not dismissed by time, every comment is answered
 *     as one on this head, and no {@code /ok-to-test} counts as given after the push
 * @param firstSight {@code headPushedAt} is only when the adapter first saw the head, which may
 *     have been pushed long before: it proves that an {@code /ok-to-test} came after the push, but
 *     dismisses no approval and hides no answer
 * @param dismissOnPush approvals given for an earlier head do not count
 * @param acknowledged ids of requests the planner already acknowledged
 * @param heldByHand the forge shows the {@code hold} label and no hold command put it there: its
 *     owner is unknown, so only a trusted user may lift it
 */
public record FoldInput(
    String author,
    List<String> trustedUsers,
    String headSha,
    Instant headPushedAt,
    boolean firstSight,
    boolean dismissOnPush,
    List<Comment> comments,
    List<Review> reviews,
    Set<String> acknowledged,
    boolean heldByHand) {
  public FoldInput {
    author = Objects.requireNonNullElse(author, "");
    trustedUsers = List.copyOf(trustedUsers);
    headSha = Objects.requireNonNullElse(headSha, "");
    comments = List.copyOf(comments);
    reviews = List.copyOf(reviews);
    acknowledged = Set.copyOf(acknowledged);
  }

  /** A change whose push time, if known, is exact, and with no hold label set by hand. */
  public FoldInput(
      String author,
      List<String> trustedUsers,
      String headSha,
      Instant headPushedAt,
      boolean dismissOnPush,
      List<Comment> comments,
      List<Review> reviews,
      Set<String> acknowledged) {
    this(
        author,
        trustedUsers,
        headSha,
        headPushedAt,
        false,
        dismissOnPush,
        comments,
        reviews,
        acknowledged,
        false);
  }

  /** Forge logins are case-insensitive: "Alice" approving alice's change is still self-approval. */
  static boolean same(String a, String b) {
    return !a.isEmpty() && a.equalsIgnoreCase(b);
  }

  boolean trusted(String login) {
    return trustedUsers.stream().anyMatch(u -> same(u, login));
  }

  boolean isAuthor(String login) {
    return same(login, author);
  }

  /** Written after the head was pushed, or that cannot be told. */
  boolean onHead(Comment c) {
    return headPushedAt == null || firstSight || c.createdAt().isAfter(headPushedAt);
  }

  /**
   * Written before the head was pushed, as far as the forge can tell. Only strictly after counts as
   * after: with second-resolution timestamps, a comment in the same second as the push may have
   * been written against the old head.
   */
  boolean beforePush(Instant at) {
    return headPushedAt != null && !firstSight && !at.isAfter(headPushedAt);
  }

  /** Written after the head was pushed, as far as the forge can prove it. */
  boolean provenAfterPush(Comment c) {
    return headPushedAt != null && c.createdAt().isAfter(headPushedAt);
  }
}
