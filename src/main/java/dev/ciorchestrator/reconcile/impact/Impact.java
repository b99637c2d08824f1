package dev.ciorchestrator.reconcile.impact;

import java.util.List;
import java.util.Objects;

/**
 * What a config change would do to today's open changes: whose gate flips and which jobs start or
 * stop being due (DESIGN.md "Config repository changes").
 *
 * @param changes how many open changes the dry run looked at
 * @param planned how many of them it planned twice; the others belong to repositories the change
 *     does not touch, whose plans cannot differ
 * @param flips gate flips, by repository then change number
 * @param dues due-job changes, by repository then change number
 * @param failure why the dry run could not be computed; empty when it was (or still is being)
 */
public record Impact(
    int changes, int planned, List<GateFlip> flips, List<DueShift> dues, String failure) {
  public static final Impact NONE = new Impact(0, 0, List.of(), List.of());

  /** Not known yet: the dry run is still being computed, off the reconcile loop. */
  public static final Impact PENDING = new Impact(-1, 0, List.of(), List.of());

  /** A failure's text is one line of at most this many characters: it goes into a comment. */
  private static final int MAX_FAILURE = 200;

  public Impact {
    flips = List.copyOf(flips);
    dues = List.copyOf(dues);
    Objects.requireNonNull(failure, "failure");
  }

  /** A dry run that was computed. */
  public Impact(int changes, int planned, List<GateFlip> flips, List<DueShift> dues) {
    this(changes, planned, flips, dues, "");
  }

  /** The dry run failed: nothing is known about the open changes, and the review says why. */
  public static Impact failed(String why) {
    String line = why == null ? "" : why.strip().lines().findFirst().orElse("");
    if (line.length() > MAX_FAILURE) {
      line = line.substring(0, MAX_FAILURE) + "…";
    }
    return new Impact(-1, 0, List.of(), List.of(), line.isEmpty() ? "unknown error" : line);
  }

  /** Whether this is {@link #PENDING}: the dry run has not finished yet. */
  public boolean pending() {
    return changes < 0 && failure.isEmpty();
  }

  /** Whether the dry run failed ({@link #failed(String)}). */
  public boolean hasFailed() {
    return !failure.isEmpty();
  }

  /** A change whose gate would pass under the new config and not now ({@code opens}), or back. */
  public record GateFlip(String repo, long change, boolean opens, String before, String after) {
    public GateFlip {
      Objects.requireNonNull(repo, "repo");
      Objects.requireNonNull(before, "before");
      Objects.requireNonNull(after, "after");
    }
  }

  /** Jobs that would start ({@code starts}) or stop ({@code stops}) being due for a change. */
  public record DueShift(String repo, long change, List<String> starts, List<String> stops) {
    public DueShift {
      Objects.requireNonNull(repo, "repo");
      starts = List.copyOf(starts);
      stops = List.copyOf(stops);
    }
  }

  /** Whether some change's gate would pass that does not now. */
  public boolean opensAGate() {
    return flips.stream().anyMatch(GateFlip::opens);
  }
}
