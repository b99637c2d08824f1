package dev.ciorchestrator.executor;

import dev.ciorchestrator.config.model.Job;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What to run for one run record: the job definition at the run's config revision, and where its
 * source comes from.
 *
 * @param job the job as the config revision defines it (script, env, timeout, limits, image)
 * @param repository a local Git repository holding the base and head commits
 * @param baseRef the target branch ({@code main}); for push and scheduled runs the branch whose
 *     commit is tested
 * @param headSha the change head to merge onto {@code baseRef}, or null to test {@code baseRef}
 *     (or, for push runs, the pushed SHA in the run key) as it is
 * @param trustedAuthor the change's author is one the repository trusts ({@code trust.users}); a
 *     change let in by {@code /ok-to-test} or a trust policy is not. Decides the cache scope of a
 *     change's run (pushes and schedules are trusted anyway)
 */
public record RunSpec(
    Job job, Path repository, String baseRef, String headSha, boolean trustedAuthor) {
  public RunSpec {
    Objects.requireNonNull(job, "job");
    Objects.requireNonNull(repository, "repository");
    Objects.requireNonNull(baseRef, "baseRef");
  }

  /** A run whose author is not known to be trusted. */
  public RunSpec(Job job, Path repository, String baseRef, String headSha) {
    this(job, repository, baseRef, headSha, false);
  }
}
