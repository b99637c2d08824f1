package dev.ciorchestrator.forge;

import java.util.regex.Pattern;

/**
 * The hidden HTML comments that make the controller's own forge comments findable again: the one
 * summary per change, and each note posted once per key. Markdown hides them; every adapter reads
 * them back from the change's comments, so a restart writes no second copy.
 */
public final class Markers {
  /** Starts the body of the one summary comment per change. */
  public static final String SUMMARY = "<!-- ci-orchestrator:summary -->";

  private static final Pattern KEY = Pattern.compile("[A-Za-z0-9@._:/#-]{1,200}");

  private Markers() {}

  /**
   * Starts the body of the note {@code key}; a key is 1-200 of {@code A-Z a-z 0-9 @ . _ : / # -}.
   */
  public static String note(String key) {
    if (key == null || !KEY.matcher(key).matches()) {
      throw new IllegalArgumentException(
          "note key must be 1-200 of A-Z a-z 0-9 @ . _ : / # -: '" + key + "'");
    }
    return "<!-- ci-orchestrator:note " + key + " -->";
  }

  /** {@code marker}, a line end, then {@code text}: the stored body of a marked comment. */
  public static String body(String marker, String text) {
    return marker + "\n" + text;
  }

  /** The text of a marked body, without its marker and the line end after it. */
  public static String text(String marker, String body) {
    String rest = body.substring(marker.length());
    // GitHub stores what it is sent but hands line ends back as they came; accept both
    return rest.startsWith("\r\n")
        ? rest.substring(2)
        : rest.startsWith("\n") ? rest.substring(1) : rest;
  }
}
