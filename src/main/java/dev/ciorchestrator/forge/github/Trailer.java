package dev.ciorchestrator.forge.github;

import dev.ciorchestrator.forge.ForgeChange;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the adapter keeps in a hidden last line of its summary comment, so a restart knows it too:
 * when it first saw the head (GitHub does not say when a head was pushed; the time the adapter saw
 * it is a time it had been pushed by) and which hold command it applied to the label last. Without
 * it a restart would dismiss or count {@code /approve} and {@code /ok-to-test} comments
 * differently, and apply an old {@code /unhold} again over a label set by hand.
 *
 * @param firstSight {@code pushedAt} is when the adapter first saw the head, not when it saw the
 *     head move (see {@code FoldInput#firstSight})
 * @param hold {@code on:<comment id>} or {@code off:<comment id>}; empty when none was applied
 */
record Trailer(String head, Instant pushedAt, boolean firstSight, String hold) {
  private static final String START = "<!-- ci-orchestrator:github ";
  private static final Pattern LINE =
      Pattern.compile(
          "\\R"
              + Pattern.quote(START)
              + "head=([0-9a-f]*) pushed=(\\S+) sight=(first|move)"
              + " hold=((?:on|off):\\d+)? -->\\s*$");

  Trailer {
    head = Objects.requireNonNullElse(head, "");
    Objects.requireNonNull(pushedAt, "pushedAt");
    hold = Objects.requireNonNullElse(hold, "");
  }

  String render() {
    return "\n"
        + START
        + "head="
        + head
        + " pushed="
        + pushedAt
        + " sight="
        + (firstSight ? "first" : "move")
        + " hold="
        + hold
        + " -->";
  }

  /**
   * The summary as the core should compare it: its text when the trailer {@code written} says what
   * this one says, else empty, so the reporter writes the summary again and this trailer with it.
   */
  ForgeChange current(Optional<Trailer> written, ForgeChange fc) {
    if (fc.summary().isEmpty() || written.filter(this::equals).isPresent()) {
      return fc;
    }
    return new ForgeChange(fc.state(), fc.answers(), fc.notes(), fc.labels(), fc.statuses(), "");
  }

  /** The trailer of the bot's summary comment among the pull request's comments, if any. */
  static Optional<Trailer> read(PullDetail detail, String bot) {
    return PullView.summary(detail, bot).flatMap(c -> read(c.path("body").asText("")));
  }

  /** The trailer at the end of {@code body}, if it has one we wrote. */
  static Optional<Trailer> read(String body) {
    Matcher m = LINE.matcher(body);
    if (!m.find()) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new Trailer(
              m.group(1), Instant.parse(m.group(2)), m.group(3).equals("first"), m.group(4)));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** {@code body} without its trailer: the summary text the core rendered. */
  static String strip(String body) {
    Matcher m = LINE.matcher(body);
    return m.find() ? body.substring(0, m.start()) : body;
  }
}
