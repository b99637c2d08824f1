package dev.ciorchestrator.forge;

import java.util.Objects;

/**
 * What a merge attempt did.
 *
 * @param merged the target branch now contains the change
 * @param sha the commit the target branch points at after the merge; empty when not merged
 * @param reason for people: why it did not merge ("head moved from a1b2c3d to d4e5f6a since the
 *     gate passed"), or how it merged
 * @param later not merged for a passing reason (the forge is still working out whether it can
 *     merge, or its answer did not say): try again on a later pass, and tell nobody
 */
public record MergeResult(boolean merged, String sha, String reason, boolean later) {
  public MergeResult {
    sha = Objects.requireNonNullElse(sha, "");
    Objects.requireNonNull(reason, "reason");
    if (merged && later) {
      throw new IllegalArgumentException("a merge is done or to be tried later, not both");
    }
  }

  public MergeResult(boolean merged, String sha, String reason) {
    this(merged, sha, reason, false);
  }

  public static MergeResult merged(String sha, String how) {
    return new MergeResult(true, sha, how, false);
  }

  public static MergeResult refused(String reason) {
    return new MergeResult(false, "", reason, false);
  }

  /** Not merged yet, for a reason that passes: the next pass tries again. */
  public static MergeResult later(String reason) {
    return new MergeResult(false, "", reason, true);
  }
}
