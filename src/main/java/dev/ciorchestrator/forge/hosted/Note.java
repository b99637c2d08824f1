package dev.ciorchestrator.forge.hosted;

import dev.ciorchestrator.forge.command.Comment;
import java.util.Objects;

/**
 * A comment on a change as a hosted forge lists it, with what the listing says of the 👀 reaction
 * that marks a request served.
 *
 * @param eyes whether the listing shows the comment has 👀 reactions (GitHub's rollup does; GitLab
 *     and Gitea say nothing, and GitHub's rollup is optional)
 */
public record Note(Comment comment, Eyes eyes) {
  /** What a listing says of a comment's 👀 reactions. */
  public enum Eyes {
    /** It has none: the comment's requests are not served. */
    NONE,
    /** It has some, whose is not said. */
    SOME,
    /** The listing does not say. */
    UNKNOWN
  }

  public Note {
    Objects.requireNonNull(comment, "comment");
    Objects.requireNonNull(eyes, "eyes");
  }

  public String id() {
    return comment.id();
  }

  public String author() {
    return comment.author();
  }

  public String body() {
    return comment.body();
  }

  /** Written by {@code bot} (forge logins are case-insensitive). */
  public boolean by(String bot) {
    return !comment.author().isEmpty() && comment.author().equalsIgnoreCase(bot);
  }
}
