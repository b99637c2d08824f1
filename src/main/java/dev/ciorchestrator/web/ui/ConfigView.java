package dev.ciorchestrator.web.ui;

import java.util.List;

/**
 * The config page: the sync state told apart as Argo CD users ask for it (what runs, what the
 * source has, when each was seen), every error of a bad revision, and what is in force.
 *
 * @param meaning the state in a sentence
 */
public record ConfigView(
    Badge state,
    String meaning,
    String source,
    String running,
    String resolved,
    String loadedAt,
    String checkedAt,
    String summary,
    List<ErrorLine> errors,
    List<RepoLine> repositories,
    List<JobLine> jobs,
    List<PolicyLine> policies) {
  public ConfigView {
    errors = List.copyOf(errors);
    repositories = List.copyOf(repositories);
    jobs = List.copyOf(jobs);
    policies = List.copyOf(policies);
  }

  /** {@code at} is {@code file:line:col}. */
  public record ErrorLine(String at, String field, String message) {}

  public record RepoLine(
      String name, String forge, String defaultBranch, String merge, String trusted, String at) {}

  /** {@code triggers}: {@code pullRequest, push, schedule 0 3 * * *}. */
  public record JobLine(
      String name, String repos, String triggers, boolean required, String executor, String at) {}

  public record PolicyLine(
      String name, String type, String repos, String match, String rule, String at) {}
}
