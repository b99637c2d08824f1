package dev.ciorchestrator.config.loading;

import dev.ciorchestrator.config.model.ConfigError;
import dev.ciorchestrator.config.model.Job;
import dev.ciorchestrator.config.model.Policy;
import dev.ciorchestrator.config.model.Repository;
import dev.ciorchestrator.config.model.SourcePosition;
import dev.ciorchestrator.policy.ResultType;
import java.util.List;

/**
 * What one file contributes to a revision, before the checks that need every file (unique names,
 * repository references) and before CEL compilation. Immutable, so it is cached by (path, blob).
 *
 * @param recipes the file's {@code kind: Recipe} documents
 * @param pending its jobs with {@code uses:}, bound once every file's recipes are known
 * @param declarations every named document, even one with errors, so that one broken Repository
 *     does not also make every job that names it fail with "unknown repository"
 */
record ParsedFile(
    List<Repository> repositories,
    List<Job> jobs,
    List<Policy> policies,
    List<Declaration> declarations,
    List<RepoReference> references,
    List<NeedReference> needs,
    List<ExpressionSite> expressions,
    List<ConfigError> errors,
    List<RecipeDef> recipes,
    List<PendingJob> pending) {
  ParsedFile {
    repositories = List.copyOf(repositories);
    jobs = List.copyOf(jobs);
    policies = List.copyOf(policies);
    declarations = List.copyOf(declarations);
    references = List.copyOf(references);
    needs = List.copyOf(needs);
    expressions = List.copyOf(expressions);
    errors = List.copyOf(errors);
    recipes = List.copyOf(recipes);
    pending = List.copyOf(pending);
  }

  static ParsedFile failed(List<ConfigError> errors) {
    return new ParsedFile(
        List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), errors,
        List.of(), List.of());
  }

  /** A document's kind and name, for the uniqueness check across files. */
  record Declaration(String kind, String name, SourcePosition position) {}

  /** A literal repository name in {@code repos}, which some Repository document must define. */
  record RepoReference(String name, String field, SourcePosition position) {}

  /**
   * A well-formed name in the {@code needs} of {@code job}, which some Job document must define;
   * written down even when the job has other errors, so that every problem is found in one load.
   */
  record NeedReference(String job, String name, String field, SourcePosition position) {}

  /** A CEL text to compile, with the YAML scalar it was written in (for problem positions). */
  record ExpressionSite(YamlNode.Scalar node, String field, ResultType type) {
    String text() {
      return node.value();
    }
  }
}
