package dev.ciorchestrator.forge;

import java.util.Objects;

/**
 * What writing a merge-queue batch's commit gave: the commit, or the change whose merge into the
 * batch conflicted and where.
 *
 * @param ref where the commit is published, for people and logs; empty on a conflict
 */
public record BatchBuild(String commitSha, String ref, long conflictChange, String conflict) {
  public BatchBuild {
    Objects.requireNonNull(commitSha, "commitSha");
    Objects.requireNonNull(ref, "ref");
    Objects.requireNonNull(conflict, "conflict");
  }

  public static BatchBuild commit(String sha, String ref) {
    return new BatchBuild(sha, ref, 0, "");
  }

  public static BatchBuild conflict(long change, String why) {
    return new BatchBuild("", "", change, why);
  }

  public boolean conflicted() {
    return conflictChange > 0;
  }
}
