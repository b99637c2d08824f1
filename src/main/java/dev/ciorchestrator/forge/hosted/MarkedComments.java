package dev.ciorchestrator.forge.hosted;

import dev.ciorchestrator.forge.Markers;
import dev.ciorchestrator.forge.command.Comment;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * The orchestrator's own comments that must exist once per change (the summary, each note), found
 * again by the hidden marker they start with ({@link Markers}). Creating one is never retried and
 * is preceded by a fresh look at the comments: a second copy must not appear even if the last
 * listing is stale or a create's answer was lost.
 */
public final class MarkedComments {
  /** A forge's change comments as the upsert needs them. */
  public interface Api {
    /** The change's comments, fresh (never from a cache older than the last write). */
    List<Comment> list(String repo, long change) throws IOException;

    /** Posts a new comment; sent once, never retried. */
    void post(String repo, long change, String body) throws IOException;

    /** Replaces a comment's body; false when the comment is gone, so the caller looks again. */
    boolean edit(String repo, long change, String commentId, String body) throws IOException;
  }

  private final Api api;
  private final String bot;

  public MarkedComments(Api api, String bot) {
    this.api = api;
    this.bot = bot;
  }

  /** The change's one summary comment, with the tracker's trailer, written or edited in place. */
  public void upsertSummary(ChangeTracker tracker, String repo, long change, String body)
      throws IOException {
    String text = Markers.body(Markers.SUMMARY, body) + tracker.trailer(repo, change);
    upsert(repo, change, tracker.summaryId(repo, change), Markers.SUMMARY, text);
    tracker.dirty(repo, change);
  }

  /** The note under {@code key}, written once and edited in place after (idempotent). */
  public void note(ChangeTracker tracker, String repo, long change, String key, String body)
      throws IOException {
    String marker = Markers.note(key);
    upsert(repo, change, Optional.empty(), marker, Markers.body(marker, body));
    tracker.dirty(repo, change);
  }

  /**
   * Makes the orchestrator's comment starting with {@code marker} read {@code text}: edits the one
   * known by {@code knownId}, or the one a fresh look finds (unless it reads so already), or posts.
   */
  public void upsert(String repo, long change, Optional<String> knownId, String marker, String text)
      throws IOException {
    if (knownId.isPresent() && api.edit(repo, change, knownId.get(), text)) {
      return;
    }
    for (Comment c : api.list(repo, change)) {
      if (c.author().equalsIgnoreCase(bot) && c.body().startsWith(marker)) {
        if (Markers.text(marker, c.body()).equals(Markers.text(marker, text))
            || api.edit(repo, change, c.id(), text)) {
          return;
        }
      }
    }
    api.post(repo, change, text);
  }
}
