package dev.ciorchestrator.config.loading;

import dev.ciorchestrator.config.model.Job;
import dev.ciorchestrator.domain.Glob;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Can a job and a job it needs ever run for the same thing: a repository the job runs in must be
 * one the needed job runs in too, and each event that starts the job (a change, a push to a branch,
 * a schedule slot) must also start the needed one. Otherwise the job below waits forever.
 */
final class NeedsMeeting {
  private static final Job.Triggers NONE = new Job.Triggers(null, null, null, null);

  private NeedsMeeting() {}

  static Optional<String> problem(Job job, Job upstream) {
    return repos(job, upstream).or(() -> triggers(job, upstream));
  }

  private static Optional<String> repos(Job job, Job upstream) {
    for (String repo : job.repos()) {
      boolean covered =
          upstream.repos().stream()
              .anyMatch(g -> g.equals(repo) || Glob.repositories(g).matches(repo));
      if (!covered) {
        return Optional.of(
            "'%s' runs in %s, where '%s' does not run (its repos: %s): a need on a job of another repository can never be met"
                .formatted(job.name(), repo, upstream.name(), upstream.repos()));
      }
    }
    return Optional.empty();
  }

  private static Optional<String> triggers(Job job, Job upstream) {
    Job.Triggers mine = Objects.requireNonNullElse(job.triggers(), NONE);
    Job.Triggers theirs = Objects.requireNonNullElse(upstream.triggers(), NONE);
    if (mine.pullRequest() != null && theirs.pullRequest() == null) {
      return never(job, upstream, "pullRequest", "changes");
    }
    if (mine.push() != null) {
      if (theirs.push() == null) {
        return never(job, upstream, "push", "pushes");
      }
      Optional<String> branch = unmatchedBranch(mine.push().branches(), theirs.push().branches());
      if (branch.isPresent()) {
        return Optional.of(
            "a push to '%s' starts '%s' but not '%s' (its push branches: %s): they never meet there"
                .formatted(branch.get(), job.name(), upstream.name(), theirs.push().branches()));
      }
    }
    if (mine.schedule() != null) {
      if (theirs.schedule() == null) {
        return never(job, upstream, "schedule", "schedule slots");
      }
      if (!mine.schedule().cron().equals(theirs.schedule().cron())) {
        return Optional.of(
            ("'%s' is scheduled '%s' but '%s' is scheduled '%s': jobs of a pipeline meet only in the"
                    + " same slot, give them the same cron")
                .formatted(
                    job.name(), mine.schedule().cron(), upstream.name(), theirs.schedule().cron()));
      }
    }
    return Optional.empty();
  }

  private static Optional<String> never(Job job, Job upstream, String trigger, String what) {
    return Optional.of(
        "'%s' has a %s trigger but '%s' has none: on %s, '%s' would wait for it forever"
            .formatted(job.name(), trigger, upstream.name(), what, job.name()));
  }

  /** A literal branch of the job that none of the needed job's globs selects. */
  private static Optional<String> unmatchedBranch(List<String> mine, List<String> theirs) {
    if (theirs.isEmpty()) {
      return Optional.empty(); // every branch
    }
    return mine.stream()
        .filter(Glob::isLiteral)
        .filter(b -> theirs.stream().noneMatch(g -> Glob.compile(g).matches(b)))
        .findFirst();
  }
}
