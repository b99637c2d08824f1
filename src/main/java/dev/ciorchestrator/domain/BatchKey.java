package dev.ciorchestrator.domain;

import java.util.List;
import java.util.Objects;

/**
 * The identity of a merge-queue batch (DESIGN.md "Merge queue"): the target branch's SHA it is
 * tested on and its changes, in order, each at the head SHA that entered the batch. The same batch
 * always has the same {@link #id()}, so its runs are create-if-absent like every run: a restart or
 * a second replica finds them instead of starting them again. A new base or a new head is a new
 * batch.
 *
 * @param branch the target branch, without {@code refs/heads/}
 */
public record BatchKey(String repo, String branch, String baseSha, List<Member> members) {
  /** One change of a batch, at the head SHA it is tested with. */
  public record Member(long change, String headSha) {
    public Member {
      if (change < 1) {
        throw new IllegalArgumentException("change numbers start at 1, got " + change);
      }
      Objects.requireNonNull(headSha, "headSha");
    }
  }

  public BatchKey {
    Objects.requireNonNull(repo, "repo");
    Objects.requireNonNull(branch, "branch");
    Objects.requireNonNull(baseSha, "baseSha");
    members = List.copyOf(members);
    if (members.isEmpty()) {
      throw new IllegalArgumentException("a batch has at least one change");
    }
  }

  /** Deterministic, 16 hex digits; see {@link Names#batchId(BatchKey)}. */
  public String id() {
    return Names.batchId(this);
  }

  /** The change numbers, in batch order. */
  public List<Long> changes() {
    return members.stream().map(Member::change).toList();
  }

  /** The run of {@code job} on this batch's commit {@code sha}. */
  public RunKey runKey(String sha, String job, int attempt) {
    return RunKey.forBatch(repo, branch, id(), sha, job, attempt);
  }
}
