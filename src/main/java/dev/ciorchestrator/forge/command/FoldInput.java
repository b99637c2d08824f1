package dev.ciorchestrator.forge.command;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Everything {@link CommandFold} needs about one change.
 *
 * @param trustedUsers logins whose {@code /ok-to-test} counts (the repository's trusted users)
 * @param headPushedAt when the head SHA was pushed; null when the forge does not say, and then
 *     approval comments are not dismissed by time
 * @param dismissOnPush approvals given for an earlier head do not count
 * @param acknowledged ids of requests the planner already acknowledged
 */
public record FoldInput(
    String author,
    List<String> trustedUsers,
    String headSha,
    Instant headPushedAt,
    boolean dismissOnPush,
    List<Comment> comments,
    List<Review> reviews,
    Set<String> acknowledged) {
  public FoldInput {
    author = Objects.requireNonNullElse(author, "");
    trustedUsers = List.copyOf(trustedUsers);
    headSha = Objects.requireNonNullElse(headSha, "");
    comments = List.copyOf(comments);
    reviews = List.copyOf(reviews);
    acknowledged = Set.copyOf(acknowledged);
  }
}
