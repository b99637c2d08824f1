package dev.ciorchestrator.forge.hosted;

import dev.ciorchestrator.domain.CommitStatus;
import dev.ciorchestrator.forge.command.Review;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything an adapter read about one open change, in neutral terms: what {@link ChangeView}
 * builds the change's view from without asking the forge anything more. Equal facts give an equal
 * view, which is how a listing tells "nothing new" cheaply.
 *
 * @param author the author's login; {@code ""} when the forge names nobody (a deleted account)
 * @param mergeable whether the forge can merge it; null while the forge has not worked it out
 * @param notes every comment, the orchestrator's own included, in the forge's order
 * @param statuses the latest status on the head SHA, by context
 */
public record ChangeFacts(
    long number,
    String title,
    String author,
    boolean draft,
    List<String> labels,
    String baseRef,
    String baseSha,
    String headRef,
    String headSha,
    List<String> files,
    Boolean mergeable,
    Instant createdAt,
    Instant updatedAt,
    List<Note> notes,
    List<Review> reviews,
    Map<String, CommitStatus> statuses) {
  public ChangeFacts {
    title = Objects.requireNonNullElse(title, "");
    author = Objects.requireNonNullElse(author, "");
    labels = List.copyOf(labels);
    baseRef = Objects.requireNonNull(baseRef, "baseRef");
    baseSha = Objects.requireNonNullElse(baseSha, "");
    headRef = Objects.requireNonNullElse(headRef, "");
    headSha = Objects.requireNonNull(headSha, "headSha");
    files = List.copyOf(files);
    notes = List.copyOf(notes);
    reviews = List.copyOf(reviews);
    statuses = Map.copyOf(statuses);
  }

  /** Whether the forge has said all there is: its mergeability is still being worked out. */
  public boolean complete() {
    return mergeable != null;
  }
}
