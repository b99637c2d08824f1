package dev.ciorchestrator.forge.webhook;

import java.util.List;

/**
 * What a forge's delivery says, once parsed, in the terms every forge shares: a change event, a
 * comment on a change (or elsewhere), a push, or something handled only by being answered.
 *
 * @param name the event's name for the log and metrics (the forge's own)
 * @param action the payload's action, or {@code ""}
 * @param repository the repository's full path as the forge names it
 * @param urls the repository's Git URLs the payload lists (for the config repository check)
 * @param change the change's number, 0 when the event is not about one
 * @param author who wrote the comment ({@code ""} for nobody)
 * @param text the comment's text
 */
public record HookEvent(
    Kind kind,
    String name,
    String action,
    String repository,
    List<String> urls,
    long change,
    String author,
    String text) {
  /** What kind of thing happened. */
  public enum Kind {
    /** A change was opened, pushed, edited, closed, merged, reviewed or approved. */
    CHANGE,
    /** A comment on a change ({@code change > 0}) or on something else ({@code change == 0}). */
    COMMENT,
    /** A push to a branch or tag. */
    PUSH
  }

  public HookEvent {
    urls = List.copyOf(urls);
    author = author == null ? "" : author;
    text = text == null ? "" : text;
  }

  public static HookEvent change(String name, String action, String repository, long change) {
    return new HookEvent(Kind.CHANGE, name, action, repository, List.of(), change, "", "");
  }

  public static HookEvent push(String name, String repository, List<String> urls) {
    return new HookEvent(Kind.PUSH, name, "", repository, urls, 0, "", "");
  }

  public static HookEvent comment(
      String name, String action, String repository, long change, String author, String text) {
    return new HookEvent(Kind.COMMENT, name, action, repository, List.of(), change, author, text);
  }
}
