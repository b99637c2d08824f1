package dev.ciorchestrator.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * What became of one command on a change: done, or why not (DESIGN.md "Commands": every command
 * gets an answer). The summary comment shows one line per answer.
 *
 * @param key stable across passes: the request id for a {@code /test} or {@code /retest} the
 *     planner served, else the comment id and the command's place in it
 * @param command the command as written, one job per {@code /test} ({@code /test go-test})
 * @param by who wrote it
 * @param at when its comment was written; answers are listed in this order
 * @param text what it did, or why it did not
 */
public record Answer(
    String key, String command, String by, Instant at, Outcome outcome, String text) {
  /** How a command ended, as the summary marks it. */
  public enum Outcome {
    /** It did what it asked. */
    DONE,
    /** It was allowed but there was nothing to do (the job is running, nothing failed). */
    NOTHING_TO_DO,
    /** It was refused: unknown job or command, not trusted, not allowed for this user. */
    REFUSED,
    /**
     * Not a command of ours nor a likely typo of one ({@code /cc}, {@code /assign}: another bot's):
     * acknowledged so it is not planned again, and not shown, so a forge with several bots does not
     * get a refusal under every comment.
     */
    NOT_OURS
  }

  public Answer {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(command, "command");
    by = Objects.requireNonNullElse(by, "");
    at = Objects.requireNonNullElse(at, Instant.EPOCH);
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(text, "text");
  }
}
