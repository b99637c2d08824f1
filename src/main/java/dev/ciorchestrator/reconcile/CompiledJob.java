package dev.ciorchestrator.reconcile;

import dev.ciorchestrator.config.model.ConfigSnapshot;
import dev.ciorchestrator.config.model.Job;
import dev.ciorchestrator.domain.Glob;
import dev.ciorchestrator.policy.Expression;
import java.util.List;

/**
 * A job with its globs and {@code when} resolved once per plan.
 *
 * @param pullRequest the job has a pull-request trigger; the filters are empty when it has not
 * @param command the job's command text ({@code /test go-test}), empty when it has none
 * @param needs the jobs it needs, by name, in the order written: read for every job of every change
 *     a plan looks at, so listed once here rather than at each read
 * @param when the compiled {@code when}, answering from the plan's memo; null when the job has none
 */
record CompiledJob(
    Job job,
    List<Glob> repos,
    boolean pullRequest,
    List<Glob> branches,
    PathFilter paths,
    String command,
    List<String> needs,
    Expression when) {

  static CompiledJob of(Job job, Globs globs, ConfigSnapshot snapshot, ExpressionMemo expressions) {
    Job.Triggers triggers = job.triggers();
    Job.PullRequestTrigger pr = triggers == null ? null : triggers.pullRequest();
    String command = triggers == null || triggers.command() == null ? "" : triggers.command();
    return new CompiledJob(
        job,
        globs.repositories(job.repos()),
        pr != null,
        globs.compile(pr == null ? List.of() : pr.branches()),
        pr == null ? PathFilter.NONE : globs.pathFilter(pr.paths(), pr.pathsIgnore()),
        command.strip(),
        job.needs(),
        job.when() == null ? null : expressions.of(snapshot.expression(job.when())));
  }

  String name() {
    return job.name();
  }

  boolean appliesTo(String repo) {
    return Globs.anyMatches(repos, repo);
  }

  /** Can a {@code /test} command reach this job at all. */
  boolean testable() {
    return pullRequest || !command.isEmpty();
  }

  /**
   * Does {@code /test <requested>} name this job: by its name, or by its own command, written
   * either whole ({@code /lint}) or as what follows {@code /test}.
   */
  boolean answers(String requested) {
    String asked = requested.strip();
    return name().equals(asked)
        || (!command.isEmpty() && (command.equals(asked) || command.equals("/test " + asked)));
  }
}
