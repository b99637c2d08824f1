package dev.ciorchestrator.forge.hosted;

import dev.ciorchestrator.forge.ForgeChange;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a hosted adapter keeps in a hidden last line of its summary comment, so a restart knows it
 * too: when it first saw the head ({@link Pushed}) and which hold command it applied to the label
 * last. Without it a restart would dismiss or count {@code /approve} and {@code /ok-to-test}
 * comments differently, and apply an old {@code /unhold} again over a label set by hand.
 *
 * @param forge the forge kind, in the line's name ({@code ci-orchestrator:github})
 * @param hold {@code on:<comment id>} or {@code off:<comment id>}; empty when none was applied
 */
public record Trailer(String forge, String head, Pushed pushed, String hold) {
  private static final String ID = "[A-Za-z0-9_-]+";
  private static final Map<String, Pattern> LINES = new ConcurrentHashMap<>();

  public Trailer {
    Objects.requireNonNull(forge, "forge");
    head = Objects.requireNonNullElse(head, "");
    Objects.requireNonNull(pushed, "pushed");
    hold = Objects.requireNonNullElse(hold, "");
  }

  private static String start(String forge) {
    return "<!-- ci-orchestrator:" + forge + " ";
  }

  private static Pattern line(String forge) {
    return LINES.computeIfAbsent(
        forge,
        f ->
            Pattern.compile(
                "\\R"
                    + Pattern.quote(start(f))
                    + "head=([0-9a-f]*) pushed=(\\S+) sight=(first|move)"
                    + " hold=((?:on|off):"
                    + ID
                    + ")? -->\\s*$"));
  }

  public String render() {
    return "\n"
        + start(forge)
        + "head="
        + head
        + " pushed="
        + pushed.at()
        + " sight="
        + (pushed.firstSight() ? "first" : "move")
        + " hold="
        + hold
        + " -->";
  }

  /**
   * The summary as the core should compare it: its text when the trailer {@code written} says what
   * this one says, else empty, so the reporter writes the summary again and this trailer with it.
   */
  public ForgeChange current(Optional<Trailer> written, ForgeChange fc) {
    if (fc.summary().isEmpty() || written.filter(this::equals).isPresent()) {
      return fc;
    }
    return new ForgeChange(fc.state(), fc.answers(), fc.notes(), fc.labels(), fc.statuses(), "");
  }

  /** The trailer of {@code forge} at the end of {@code body}, if it has one we wrote. */
  public static Optional<Trailer> read(String forge, String body) {
    Matcher m = line(forge).matcher(body);
    if (!m.find()) {
      return Optional.empty();
    }
    try {
      Pushed pushed = new Pushed(Instant.parse(m.group(2)), m.group(3).equals("first"));
      return Optional.of(new Trailer(forge, m.group(1), pushed, m.group(4)));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** {@code body} without its trailer: the summary text the core rendered. */
  public static String strip(String forge, String body) {
    Matcher m = line(forge).matcher(body);
    return m.find() ? body.substring(0, m.start()) : body;
  }
}
