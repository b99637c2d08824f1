package dev.ciorchestrator.forge;

import java.util.Objects;

/**
 * What a merge attempt did.
 *
 * @param merged the target branch now contains the change
 * @param sha the commit the target branch points at after the merge; empty when not merged
 * @param reason for people: why it did not merge ("head moved from a1b2c3d to d4e5f6a since the
 *     gate passed"), or how it merged
 */
public record MergeResult(boolean merged, String sha, String reason) {
  public MergeResult {
    sha = Objects.requireNonNullElse(sha, "");
    Objects.requireNonNull(reason, "reason");
  }

  public static MergeResult merged(String sha, String how) {
    return new MergeResult(true, sha, how);
  }

  public static MergeResult refused(String reason) {
    return new MergeResult(false, "", reason);
  }
}
