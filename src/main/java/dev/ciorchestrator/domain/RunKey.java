package dev.ciorchestrator.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * The identity of a run (DESIGN.md "Runs and idempotency"): the same key always yields the same run
 * id, so starting a run is create-if-absent and can never happen twice.
 *
 * @param repo repository name ({@code owner/name})
 * @param change change number, or 0 for push and scheduled runs
 * @param ref the pushed ref for push runs, the slot ({@code schedule@<instant>}) for scheduled
 *     runs, {@code queue:<branch>@<batch id>} for runs of a merge-queue batch, empty for change
 *     runs
 * @param sha the head SHA the run tests; empty for scheduled runs (they test the branch as it is)
 * @param job job name
 * @param attempt 1 for the first run; {@code /retest} of a failed job bumps it
 */
public record RunKey(String repo, long change, String ref, String sha, String job, int attempt) {
  /**
   * How the ref of a merge-queue batch run starts; the branch, {@code @} and the batch id follow.
   */
  public static final String BATCH_REF = "queue:";

  /** How the ref of a scheduled run starts; the slot's instant follows. */
  public static final String SCHEDULE_REF = "schedule@";

  public RunKey {
    Objects.requireNonNull(repo, "repo");
    ref = Objects.requireNonNullElse(ref, "");
    sha = Objects.requireNonNullElse(sha, "");
    Objects.requireNonNull(job, "job");
    if (attempt < 1) {
      throw new IllegalArgumentException("attempt starts at 1, got " + attempt);
    }
  }

  public static RunKey forChange(String repo, long change, String sha, String job, int attempt) {
    return new RunKey(repo, change, "", sha, job, attempt);
  }

  public static RunKey forPush(String repo, String ref, String sha, String job) {
    return new RunKey(repo, 0, ref, sha, job, 1);
  }

  public static RunKey forSchedule(String repo, String job, Instant slot) {
    return new RunKey(repo, 0, SCHEDULE_REF + slot, "", job, 1);
  }

  /**
   * A run of merge-queue batch {@code batchId} ({@link BatchKey#id()}) into {@code branch}, testing
   * the batch's commit {@code sha}. Git forbids {@code :} in branch names, so the ref cannot be
   * mistaken for a pushed branch.
   */
  public static RunKey forBatch(
      String repo, String branch, String batchId, String sha, String job, int attempt) {
    return new RunKey(repo, 0, BATCH_REF + branch + "@" + batchId, sha, job, attempt);
  }

  /** Whether this is a run of a merge-queue batch. */
  public boolean batch() {
    return change == 0 && ref.startsWith(BATCH_REF);
  }

  /** The batch id of a batch run; empty for any other run. */
  public String batchId() {
    return batch() ? ref.substring(ref.lastIndexOf('@') + 1) : "";
  }

  /** The target branch of a batch run; empty for any other run. */
  public String batchBranch() {
    return batch() ? ref.substring(BATCH_REF.length(), ref.lastIndexOf('@')) : "";
  }

  public RunKey withAttempt(int next) {
    return new RunKey(repo, change, ref, sha, job, next);
  }

  /** The same job on the same change or ref, whatever the SHA and attempt. */
  public boolean sameTarget(RunKey other) {
    return repo.equals(other.repo)
        && change == other.change
        && (change != 0 || ref.equals(other.ref))
        && job.equals(other.job);
  }

  /** The deterministic run id; see {@link Names#runId(RunKey)}. */
  public String id() {
    return Names.runId(this);
  }
}
