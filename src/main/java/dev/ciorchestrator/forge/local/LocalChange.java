package dev.ciorchestrator.forge.local;

import dev.ciorchestrator.forge.command.Comment;
import dev.ciorchestrator.forge.command.Review;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A change (pull request) as the embedded local forge stores it. Immutable: every operation of
 * {@link LocalForgeStore} replaces the whole record, which is what lets the store persist first and
 * publish only when the write succeeded.
 *
 * @param acknowledged ids of command requests the controller already served
 * @param headPushedAt when {@code headSha} was pushed; approvals older than this may be dismissed
 * @param mergeSha the merge commit; empty unless {@code state} is {@link State#MERGED}
 */
public record LocalChange(
    long number,
    String repo,
    String title,
    String author,
    String sourceBranch,
    String targetBranch,
    boolean draft,
    State state,
    List<String> labels,
    List<Comment> comments,
    List<Review> reviews,
    List<String> acknowledged,
    String headSha,
    Instant headPushedAt,
    Instant createdAt,
    Instant updatedAt,
    String mergeSha) {

  /** Where a change is in its life; only {@link #OPEN} changes accept updates. */
  public enum State {
    OPEN,
    MERGED,
    CLOSED
  }

  public LocalChange {
    Objects.requireNonNull(repo, "repo");
    Objects.requireNonNull(state, "state");
    title = Objects.requireNonNullElse(title, "");
    author = Objects.requireNonNullElse(author, "");
    sourceBranch = Objects.requireNonNullElse(sourceBranch, "");
    targetBranch = Objects.requireNonNullElse(targetBranch, "");
    labels = List.copyOf(Objects.requireNonNullElse(labels, List.of()));
    comments = List.copyOf(Objects.requireNonNullElse(comments, List.of()));
    reviews = List.copyOf(Objects.requireNonNullElse(reviews, List.of()));
    acknowledged = List.copyOf(Objects.requireNonNullElse(acknowledged, List.of()));
    headSha = Objects.requireNonNullElse(headSha, "");
    createdAt = Objects.requireNonNullElse(createdAt, Instant.EPOCH);
    headPushedAt = Objects.requireNonNullElse(headPushedAt, createdAt);
    updatedAt = Objects.requireNonNullElse(updatedAt, createdAt);
    mergeSha = Objects.requireNonNullElse(mergeSha, "");
  }

  /** {@code owner/name#number}, the form every error message uses. */
  public String ref() {
    return repo + "#" + number;
  }

  LocalChange withComment(Comment comment) {
    return copy(
        state,
        labels,
        append(comments, comment),
        reviews,
        acknowledged,
        headSha,
        headPushedAt,
        comment.createdAt(),
        mergeSha);
  }

  /** {@code body} replaces the text of comment {@code id}; its id, author and time stay. */
  LocalChange withCommentBody(String id, String body, Instant now) {
    List<Comment> next =
        comments.stream()
            .map(c -> c.id().equals(id) ? new Comment(id, c.author(), body, c.createdAt()) : c)
            .toList();
    return copy(state, labels, next, reviews, acknowledged, headSha, headPushedAt, now, mergeSha);
  }

  LocalChange withReview(Review review) {
    return copy(
        state,
        labels,
        comments,
        append(reviews, review),
        acknowledged,
        headSha,
        headPushedAt,
        review.submittedAt(),
        mergeSha);
  }

  LocalChange withLabels(List<String> next, Instant now) {
    return copy(state, next, comments, reviews, acknowledged, headSha, headPushedAt, now, mergeSha);
  }

  LocalChange withHead(String sha, Instant now) {
    return copy(state, labels, comments, reviews, acknowledged, sha, now, now, mergeSha);
  }

  // updatedAt stays: an acknowledgement is the controller's own bookkeeping, and bumping it would
  // make the controller see its own write as news about the change.
  LocalChange withAcknowledged(String requestId) {
    return copy(
        state,
        labels,
        comments,
        reviews,
        append(acknowledged, requestId),
        headSha,
        headPushedAt,
        updatedAt,
        mergeSha);
  }

  LocalChange withState(State next, String merge, Instant now) {
    return copy(next, labels, comments, reviews, acknowledged, headSha, headPushedAt, now, merge);
  }

  private LocalChange copy(
      State state,
      List<String> labels,
      List<Comment> comments,
      List<Review> reviews,
      List<String> acknowledged,
      String headSha,
      Instant headPushedAt,
      Instant updatedAt,
      String mergeSha) {
    return new LocalChange(
        number,
        repo,
        title,
        author,
        sourceBranch,
        targetBranch,
        draft,
        state,
        labels,
        comments,
        reviews,
        acknowledged,
        headSha,
        headPushedAt,
        createdAt,
        updatedAt,
        mergeSha);
  }

  private static <T> List<T> append(List<T> list, T item) {
    List<T> next = new ArrayList<>(list);
    next.add(item);
    return next;
  }
}
