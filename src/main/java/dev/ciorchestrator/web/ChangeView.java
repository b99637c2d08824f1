package dev.ciorchestrator.web;

import dev.ciorchestrator.domain.CommitStatus;
import dev.ciorchestrator.forge.command.Comment;
import dev.ciorchestrator.forge.command.Review;
import dev.ciorchestrator.forge.local.LocalChange;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The JSON form of a local forge change. Field names follow the request bodies ({@code source},
 * {@code target}, {@code head}); states are lower case; times are ISO-8601 UTC. The controller's
 * own bookkeeping (acknowledged command requests) is not shown; its comments (the summary) and the
 * statuses on the head are.
 */
public record ChangeView(
    long number,
    String repo,
    String title,
    String author,
    String source,
    String target,
    boolean draft,
    String state,
    List<String> labels,
    List<CommentView> comments,
    List<ReviewView> reviews,
    String head,
    String headPushedAt,
    String createdAt,
    String updatedAt,
    String mergeSha,
    List<StatusView> statuses) {

  /** One {@link CommitStatus} on the head; {@code state} is lower case. */
  public record StatusView(String context, String state, String description, String targetUrl) {
    static StatusView of(CommitStatus s) {
      return new StatusView(s.context(), s.state().wire(), s.description(), s.targetUrl());
    }

    /** Sorted by context, as every listing shows them. */
    static List<StatusView> of(Map<String, CommitStatus> byContext) {
      return byContext.values().stream()
          .sorted(Comparator.comparing(CommitStatus::context))
          .map(StatusView::of)
          .toList();
    }
  }

  /** One {@link Comment}. */
  public record CommentView(String id, String author, String body, String createdAt) {
    static CommentView of(Comment c) {
      return new CommentView(c.id(), c.author(), c.body(), iso(c.createdAt()));
    }
  }

  /** One {@link Review}; {@code commit} is the head the reviewer saw. */
  public record ReviewView(String author, String state, String commit, String submittedAt) {
    static ReviewView of(Review r) {
      return new ReviewView(r.author(), lower(r.state()), r.commitSha(), iso(r.submittedAt()));
    }
  }

  /** {@code statuses}: those on the change's head commit, by context. */
  public static ChangeView of(LocalChange c, Map<String, CommitStatus> statuses) {
    return new ChangeView(
        c.number(),
        c.repo(),
        c.title(),
        c.author(),
        c.sourceBranch(),
        c.targetBranch(),
        c.draft(),
        lower(c.state()),
        c.labels(),
        c.comments().stream().map(CommentView::of).toList(),
        c.reviews().stream().map(ReviewView::of).toList(),
        c.headSha(),
        iso(c.headPushedAt()),
        iso(c.createdAt()),
        iso(c.updatedAt()),
        c.mergeSha(),
        StatusView.of(statuses));
  }

  static String lower(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }

  private static String iso(Instant at) {
    return at.toString();
  }
}
