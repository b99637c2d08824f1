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
 */
public record Impact(int changes, int planned, List<GateFlip> flips, List<DueShift> dues) {
  public static final Impact NONE = new Impact(0, 0, List.of(), List.of());

  /** Not known yet: the dry run is still being computed, off the reconcile loop. */
  public static final Impact PENDING = new Impact(-1, 0, List.of(), List.of());

  public Impact {
    flips = List.copyOf(flips);
    dues = List.copyOf(dues);
  }

  /** Whether this is {@link #PENDING}: the dry run has not finished yet. */
  public boolean pending() {
    return changes < 0;
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
